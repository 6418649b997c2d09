package io.llmopt.core.outage;

import java.util.concurrent.CompletableFuture;

/**
 * Whether one model's endpoint is known to be down, shared by every call to it: the first call
 * that finds it down declares the outage, the first success ends it, so each outage is announced
 * once however many calls wait. Synchronized: transitions are rare and must not race.
 */
final class EndpointStatus {

    private long successes;
    private boolean down;
    private long downSinceNanos;
    private CompletableFuture<Void> recovered = new CompletableFuture<>();

    /** Successes so far; a call compares two readings to learn whether others got through meanwhile. */
    synchronized long successes() {
        return successes;
    }

    /**
     * Records a success.
     *
     * @return the outage's start when this success ended one, or -1
     */
    synchronized long succeeded() {
        successes++;
        if (!down) {
            return -1;
        }
        down = false;
        CompletableFuture<Void> wake = recovered;
        recovered = new CompletableFuture<>();
        wake.complete(null);
        return downSinceNanos;
    }

    /** Marks the endpoint down; true only for the call that did it (the one to announce it). */
    synchronized boolean declareDown(long nowNanos) {
        if (down) {
            return false;
        }
        down = true;
        downSinceNanos = nowNanos;
        return true;
    }

    synchronized boolean down() {
        return down;
    }

    /** When the current outage started; only meaningful while {@link #down()}. */
    synchronized long downSinceNanos() {
        return downSinceNanos;
    }

    /** Completes at the next success, so waiting calls retry at once instead of at their next probe. */
    synchronized CompletableFuture<Void> recovered() {
        return recovered;
    }
}
