package io.llmopt.core.concurrent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs an asynchronous chain per record with at most {@code maxInFlight} records in flight: a
 * record enters as soon as another leaves, and within its chain moves to the next stage as soon
 * as its previous stage is done, so the stages of different records overlap instead of running
 * stage after stage over the whole data set.
 *
 * <p>Before each record starts the stop flag is polled; once it is set no record starts, the ones
 * in flight finish, and the result says the run stopped early.
 *
 * <p>The one bounded launcher of the project (BPO's pipelines and pair builder use it), so the
 * subtle part, launching from completions without recursing, is written once.
 */
public final class BoundedLauncher<T> {

    private final int maxInFlight;
    private final BooleanSupplier stop;

    public BoundedLauncher(int maxInFlight, BooleanSupplier stop) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.stop = stop;
    }

    /**
     * Completes with true when every record went through, false when the stop flag cut the run
     * short; exceptionally when a chain failed (chains are expected to turn model failures into
     * outcomes, so this is a store failure or a bug) after the records in flight have ended.
     */
    public CompletableFuture<Boolean> run(List<T> records, Function<T, CompletableFuture<?>> chain) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (records.isEmpty()) {
            done.complete(true);
            return done;
        }
        new Execution(records, chain, done).start();
        return done;
    }

    /**
     * One run in progress. Launches go through a work-in-progress counter so that chains completing
     * synchronously (stored outputs, cache hits) loop instead of recursing once per record.
     */
    private final class Execution {
        private final List<T> records;
        private final Function<T, CompletableFuture<?>> chain;
        private final CompletableFuture<Boolean> done;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger launchRequests = new AtomicInteger();
        private volatile boolean closed;
        private volatile Throwable failure;

        Execution(List<T> records, Function<T, CompletableFuture<?>> chain, CompletableFuture<Boolean> done) {
            this.records = records;
            this.chain = chain;
            this.done = done;
        }

        void start() {
            inFlight.incrementAndGet(); // held by start itself until every first launch is made
            for (int w = 0; w < Math.min(maxInFlight, records.size()); w++) {
                requestLaunch();
            }
            ended();
        }

        private void requestLaunch() {
            if (launchRequests.getAndIncrement() != 0) {
                return; // the thread already draining will launch it
            }
            do {
                launchOne();
            } while (launchRequests.decrementAndGet() != 0);
        }

        private void launchOne() {
            if (closed || failure != null) {
                return;
            }
            if (stop.getAsBoolean()) {
                closed = true;
                return;
            }
            int i = next.getAndIncrement();
            if (i >= records.size()) {
                return;
            }
            inFlight.incrementAndGet();
            CompletableFuture<?> f;
            try {
                f = chain.apply(records.get(i));
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((value, error) -> {
                if (error != null && failure == null) {
                    failure = error;
                }
                // The replacement is launched before this record gives up its place in the count, so
                // the count reaches zero only when nothing more will start.
                requestLaunch();
                ended();
            });
        }

        private void ended() {
            if (inFlight.decrementAndGet() == 0 && (closed || failure != null || next.get() >= records.size())) {
                finish();
            }
        }

        private void finish() {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(next.get() >= records.size() && !closed);
            }
        }
    }
}
