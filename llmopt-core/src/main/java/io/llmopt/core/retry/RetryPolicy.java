package io.llmopt.core.retry;

import io.llmopt.core.llm.LlmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * How a {@link RetryingLanguageModel} retries: at most {@code maxAttempts} calls in total, with
 * exponential back-off and full jitter between them (a uniform wait in
 * {@code [0, min(maxDelay, baseDelay * 2^(retry-1))]}), and never less than the server's
 * Retry-After.
 *
 * <p>Full jitter is the choice because many workers hitting one rate-limited server otherwise
 * retry in lock-step and collide again.
 *
 * @param maxAttempts    calls in total, the first included; 1 disables retrying
 * @param baseDelay      the back-off cap of the first retry
 * @param maxDelay       the largest back-off cap (a Retry-After may still ask for longer)
 * @param retryableKinds the failure kinds worth another attempt
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Set<LlmException.Kind> retryableKinds) {

    public static final int DEFAULT_MAX_ATTEMPTS = 6;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
        }
        retryableKinds = retryableKinds.isEmpty()
                ? Set.of()
                : Set.copyOf(EnumSet.copyOf(retryableKinds));
    }

    /** 6 attempts, 0.5 s base, 30 s cap, every kind {@link LlmException.Kind#retryable()} says. */
    public static RetryPolicy defaults() {
        return of(DEFAULT_MAX_ATTEMPTS, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** The given attempts and delays, retrying every kind that is retryable by nature. */
    public static RetryPolicy of(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        EnumSet<LlmException.Kind> kinds = EnumSet.noneOf(LlmException.Kind.class);
        for (LlmException.Kind k : LlmException.Kind.values()) {
            if (k.retryable()) {
                kinds.add(k);
            }
        }
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, kinds);
    }

    /** No retries: one attempt. */
    public static RetryPolicy none() {
        return of(1, Duration.ZERO, Duration.ZERO);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, retryableKinds);
    }

    public boolean retries(LlmException.Kind kind) {
        return retryableKinds.contains(kind);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): full-jitter back-off,
     * raised to {@code retryAfter} when the server asked for at least that.
     */
    public Duration delayBefore(int retry, Duration retryAfter, Random random) {
        long capNanos = backoffCapNanos(retry);
        long jittered = capNanos == 0 ? 0 : (long) (random.nextDouble() * (capNanos + 1));
        Duration backoff = Duration.ofNanos(Math.min(jittered, capNanos));
        if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
            return retryAfter;
        }
        return backoff;
    }

    private long backoffCapNanos(int retry) {
        long base = baseDelay.toNanos();
        long max = maxDelay.toNanos();
        int shift = Math.min(Math.max(retry - 1, 0), 62);
        // base << shift overflows long well before 62 doublings of a realistic base: clamp first.
        if (base != 0 && base > (max >> shift)) {
            return max;
        }
        return Math.min(max, base << shift);
    }
}
