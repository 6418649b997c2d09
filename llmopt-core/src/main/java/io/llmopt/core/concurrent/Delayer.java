package io.llmopt.core.concurrent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Completes a future after a delay without holding a thread while waiting. Decorators wait
 * through this (a back-off, a rate-limit refill) so a caller thread never sleeps, and tests can
 * replace real time with a manual one.
 */
@FunctionalInterface
public interface Delayer {

    /** A future completing (on some pool thread) once {@code delay} has passed. */
    CompletableFuture<Void> after(Duration delay);

    /** Real time, on the JDK's shared delay scheduler: no thread of ours is parked while waiting. */
    Delayer SYSTEM = delay -> {
        if (delay.isZero() || delay.isNegative()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));
    };
}
