package io.llmopt.core.stack;

import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.ResponseCache;
import io.llmopt.core.concurrent.Delayer;
import io.llmopt.core.concurrent.Ticker;
import io.llmopt.core.limits.LimitPolicy;
import io.llmopt.core.llm.Sampling;
import io.llmopt.core.outage.OutageListener;
import io.llmopt.core.outage.OutagePolicy;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.pool.PoolPolicy;
import io.llmopt.core.retry.RetryListener;
import io.llmopt.core.retry.RetryPolicy;
import java.util.Objects;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The options of the per-model layers ({@link SharedLayers}; their order is {@link Layer}'s), declared
 * once for both builders that take them: {@link SharedLayers.Builder} and {@link ModelStack.Builder}. Every option has a
 * default; by default cache, outage and limits are left out and retry uses {@link RetryPolicy#defaults()}.
 *
 * @param <B> the builder, so each option returns it for chaining
 */
public abstract sealed class LayerOptions<B extends LayerOptions<B>> permits SharedLayers.Builder, ModelStack.Builder {

    PoolPolicy poolPolicy = PoolPolicy.defaults();
    LimitPolicy limits = LimitPolicy.unlimited();
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    RetryListener retryListener = RetryListener.NONE;
    Random random = new Random();
    OutagePolicy outagePolicy = OutagePolicy.disabled();
    OutageListener outageListener = OutageListener.NONE;
    BooleanSupplier stopWaiting = () -> false;
    BatchMode batch;
    ResponseCache responseCache;
    CacheMode cacheMode = CacheMode.READ_WRITE;
    Sampling sampling = Sampling.NONE;
    Ticker ticker = Ticker.SYSTEM;
    Delayer delayer = Delayer.SYSTEM;

    LayerOptions() {
    }

    abstract B self();

    /** What the per-model layers are built with, as {@link SharedLayers#settings()} reports it. */
    LayerSettings settings() {
        return new LayerSettings(limits, retryPolicy, outagePolicy, poolPolicy,
                responseCache == null ? CacheMode.OFF : cacheMode);
    }

    /** Called before a per-model option is set; a builder over layers that are already built refuses. */
    void configuringLayers() {
    }

    public B pool(PoolPolicy policy) {
        configuringLayers();
        poolPolicy = Objects.requireNonNull(policy);
        return self();
    }

    public B limits(LimitPolicy policy) {
        configuringLayers();
        limits = Objects.requireNonNull(policy);
        return self();
    }

    /** Sets the concurrency cap and keeps the other limits. */
    public B maxConcurrency(int max) {
        return limits(new LimitPolicy(max, limits.requestsPerMinute(), limits.tokensPerMinute(), limits.burst(), limits.defaultMaxTokens()));
    }

    /** {@link RetryPolicy#none()} leaves the retry layer out. */
    public B retry(RetryPolicy policy) {
        configuringLayers();
        retryPolicy = Objects.requireNonNull(policy);
        return self();
    }

    public B retryListener(RetryListener listener) {
        configuringLayers();
        retryListener = Objects.requireNonNull(listener);
        return self();
    }

    /** Seeds the retry jitter, for reproducible runs and tests. */
    public B random(Random value) {
        configuringLayers();
        random = Objects.requireNonNull(value);
        return self();
    }

    /**
     * Waits for an endpoint that stays down past the retries instead of failing the call (see
     * {@link OutageTolerantLanguageModel}); off by default, and a policy that is not
     * {@linkplain OutagePolicy#enabled() enabled} leaves the layer out.
     */
    public B outage(OutagePolicy policy) {
        configuringLayers();
        outagePolicy = Objects.requireNonNull(policy);
        return self();
    }

    /** Told once when the endpoint goes down and once when it is back. */
    public B outageListener(OutageListener listener) {
        configuringLayers();
        outageListener = Objects.requireNonNull(listener);
        return self();
    }

    /** Asked before each wait for the endpoint; true fails the waiting calls (a stop asked elsewhere). */
    public B stopWaiting(BooleanSupplier value) {
        configuringLayers();
        stopWaiting = Objects.requireNonNull(value);
        return self();
    }

    /**
     * Puts the model in batch mode: calls are gathered into provider batch jobs (see
     * {@link io.llmopt.core.batch.BatchingLanguageModel}); a stop ({@link #stopWaiting}) fails the
     * waiting calls. Off by default.
     */
    public B batch(BatchMode mode) {
        configuringLayers();
        batch = Objects.requireNonNull(mode);
        return self();
    }

    /** A null cache or {@link CacheMode#OFF} leaves the cache layer out. */
    public B cache(ResponseCache value, CacheMode mode) {
        configuringLayers();
        responseCache = value;
        cacheMode = Objects.requireNonNull(mode);
        return self();
    }

    /**
     * Sampling fields for every request the request itself leaves unset ({@code models.NAME.sampling});
     * applied above the cache, so they are part of its keys. {@link Sampling#NONE} leaves the layer out.
     */
    public B sampling(Sampling value) {
        configuringLayers();
        sampling = Objects.requireNonNull(value);
        return self();
    }

    /** Replaces real time, for tests (over layers already built, only the role layers' clock). */
    public B time(Ticker tickerValue, Delayer delayerValue) {
        ticker = Objects.requireNonNull(tickerValue);
        delayer = Objects.requireNonNull(delayerValue);
        return self();
    }
}
