package io.llmopt.core.limits;

/**
 * A token bucket refilled continuously at a per-minute rate. Not thread-safe: the limiter guards it.
 *
 * <p>A request larger than the whole bucket is let through once the bucket is full and leaves it
 * in debt; otherwise a single large prompt could never be sent under a small limit.
 */
final class TokenBucket {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final double perNano;
    private final double capacity;
    private double level;
    private long lastNanos;

    TokenBucket(double perMinute, double capacity, long nowNanos) {
        this.perNano = perMinute / NANOS_PER_MINUTE;
        this.capacity = capacity;
        this.level = capacity;
        this.lastNanos = nowNanos;
    }

    /** Zero when {@code amount} can be taken now; otherwise the nanoseconds until it can. */
    long nanosUntilAvailable(double amount, long nowNanos) {
        refill(nowNanos);
        double needed = Math.min(amount, capacity) - level;
        if (needed <= 0) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil(needed / perNano));
    }

    void take(double amount, long nowNanos) {
        refill(nowNanos);
        level -= amount;
    }

    /** Returns tokens taken by an over-estimate, or takes more after an under-estimate. */
    void adjust(double amount, long nowNanos) {
        refill(nowNanos);
        level = Math.min(capacity, level + amount);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            level = Math.min(capacity, level + elapsed * perNano);
            lastNanos = nowNanos;
        }
    }
}
