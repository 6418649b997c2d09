package io.llmopt.core.stack;

import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.limits.LimitPolicy;
import io.llmopt.core.outage.OutagePolicy;
import io.llmopt.core.pool.PoolPolicy;
import io.llmopt.core.retry.RetryPolicy;
import java.util.OptionalInt;

/**
 * The settings a model's layers were built with, so a caller can ask the stack rather than look
 * inside the chain (e.g. how many calls are worth keeping in flight).
 *
 * @param cacheMode {@link CacheMode#OFF} when the stack has no cache layer
 */
public record LayerSettings(LimitPolicy limits, RetryPolicy retry, OutagePolicy outage, PoolPolicy pool, CacheMode cacheMode) {

    /** The concurrency cap, if the limits set one: how many calls a caller can usefully keep in flight. */
    public OptionalInt maxConcurrency() {
        return limits.maxConcurrent() > 0 ? OptionalInt.of(limits.maxConcurrent()) : OptionalInt.empty();
    }
}
