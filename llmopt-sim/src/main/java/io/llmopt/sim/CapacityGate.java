package io.llmopt.sim;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets at most {@code capacity} chat completions be processed at once (the rest queue in arrival
 * order, as on a serving engine with a fixed batch) and measures the concurrency actually reached.
 */
final class CapacityGate {

    /** Null when capacity is unlimited. Replaced, never resized, so holders release what they took. */
    private volatile Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    void capacity(int capacity) {
        permits = capacity <= 0 ? null : new Semaphore(capacity, true);
    }

    /** Waits for a slot; returns the permit source to give to {@link #leave}. */
    Semaphore enter() throws InterruptedException {
        Semaphore p = permits;
        if (p != null) {
            p.acquire();
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        return p;
    }

    void leave(Semaphore taken) {
        inFlight.decrementAndGet();
        if (taken != null) {
            taken.release();
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    void resetMax() {
        maxInFlight.set(inFlight.get());
    }
}
