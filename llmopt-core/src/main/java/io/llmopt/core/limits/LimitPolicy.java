package io.llmopt.core.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits a {@link LimitingLanguageModel} enforces. Zero means "no limit" for each of them.
 *
 * @param maxConcurrent     requests in flight at once
 * @param requestsPerMinute requests started per minute
 * @param tokensPerMinute   prompt + completion tokens per minute (estimated before, corrected after)
 * @param burst             how much unused rate the buckets may save up, as a time span at the full
 *                          rate; short, so a quiet minute cannot turn into a burst the server rejects
 * @param defaultMaxTokens  completion tokens assumed per sample when a request sets no max_tokens
 */
public record LimitPolicy(int maxConcurrent, int requestsPerMinute, long tokensPerMinute, Duration burst, int defaultMaxTokens) {

    public static final Duration DEFAULT_BURST = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_TOKENS_ESTIMATE = 512;

    public LimitPolicy {
        if (maxConcurrent < 0 || requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("limits cannot be negative (0 means unlimited)");
        }
        Objects.requireNonNull(burst, "burst");
        if (burst.isNegative() || burst.isZero()) {
            throw new IllegalArgumentException("burst must be positive, got " + burst);
        }
        if (defaultMaxTokens < 1) {
            throw new IllegalArgumentException("defaultMaxTokens must be at least 1");
        }
    }

    public static LimitPolicy of(int maxConcurrent, int requestsPerMinute, long tokensPerMinute) {
        return new LimitPolicy(maxConcurrent, requestsPerMinute, tokensPerMinute, DEFAULT_BURST, DEFAULT_MAX_TOKENS_ESTIMATE);
    }

    public static LimitPolicy unlimited() {
        return of(0, 0, 0);
    }

    public static LimitPolicy concurrency(int maxConcurrent) {
        return of(maxConcurrent, 0, 0);
    }

    public boolean limitsAnything() {
        return maxConcurrent > 0 || requestsPerMinute > 0 || tokensPerMinute > 0;
    }
}
