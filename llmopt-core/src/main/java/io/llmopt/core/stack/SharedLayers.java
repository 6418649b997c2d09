package io.llmopt.core.stack;

import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.SamplingDefaultsLanguageModel;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.pool.PooledLanguageModel;
import io.llmopt.core.retry.RetryStats;
import io.llmopt.core.retry.RetryingLanguageModel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lower layers of one model, the part of a {@link ModelStack} that every role using the model
 * can share so that its limits hold across all of them:
 * <pre>
 * [Sampling defaults] -> Cache -> Outage -> Retry -> Limits -> Pool -> backend(s)
 * </pre>
 * Its builder and {@link ModelStack}'s both end in one method here that puts these layers in
 * order (why this order: see {@link ModelStack}); {@link ModelStack} adds the per-role layers on
 * top, and the runtime's {@code Workspace} builds one of these per configured model. Layers that
 * are not configured are left out, so a call pays only for what it uses.
 *
 * <p>Closing it closes the backends but not the response cache, which usually outlives it.
 */
public final class SharedLayers extends ForwardingLanguageModel {

    private final String name;
    private final CachingLanguageModel cache;
    private final OutageTolerantLanguageModel outage;
    private final RetryingLanguageModel retry;
    private final LimitingLanguageModel limiter;
    private final PooledLanguageModel pool;

    private SharedLayers(LanguageModel top, String name, CachingLanguageModel cache, OutageTolerantLanguageModel outage,
            RetryingLanguageModel retry, LimitingLanguageModel limiter, PooledLanguageModel pool) {
        super(top);
        this.name = name;
        this.cache = cache;
        this.outage = outage;
        this.retry = retry;
        this.limiter = limiter;
        this.pool = pool;
    }

    /**
     * Layers over one backend.
     *
     * @param name the model's name, as outage messages and events name it ({@code models.NAME} in a configuration)
     */
    public static Builder builder(String name, LanguageModel backend) {
        return new Builder(name, List.of(Objects.requireNonNull(backend, "backend")));
    }

    /** Layers over several backends serving the same model, pooled. */
    public static Builder builder(String name, List<? extends LanguageModel> backends) {
        return new Builder(name, backends);
    }

    public String name() {
        return name;
    }

    public Optional<CachingLanguageModel> cache() {
        return Optional.ofNullable(cache);
    }

    public Optional<OutageTolerantLanguageModel> outage() {
        return Optional.ofNullable(outage);
    }

    public Optional<RetryStats> retryStats() {
        return Optional.ofNullable(retry).map(RetryingLanguageModel::stats);
    }

    public Optional<LimitingLanguageModel> limiter() {
        return Optional.ofNullable(limiter);
    }

    public Optional<PooledLanguageModel> pool() {
        return Optional.ofNullable(pool);
    }

    /** Builds from the backend up, so each layer wraps the one below it: the one place that orders them. */
    static SharedLayers compose(String name, List<LanguageModel> backends, LayerOptions<?> o) {
        LanguageModel model = backends.get(0);
        PooledLanguageModel pooled = null;
        if (backends.size() > 1) {
            model = pooled = new PooledLanguageModel(backends, o.poolPolicy, o.ticker);
        }
        LimitingLanguageModel limiting = null;
        if (o.limits.limitsAnything()) {
            model = limiting = new LimitingLanguageModel(model, o.limits, o.ticker, o.delayer);
        }
        RetryingLanguageModel retrying = null;
        if (o.retryPolicy.maxAttempts() > 1) {
            model = retrying = new RetryingLanguageModel(model, o.retryPolicy, o.retryListener, o.random, o.delayer);
        }
        OutageTolerantLanguageModel waiting = null;
        if (o.outagePolicy.enabled()) {
            model = waiting = new OutageTolerantLanguageModel(model, name, o.outagePolicy, o.outageListener, o.stopWaiting,
                    o.delayer, o.ticker);
        }
        CachingLanguageModel caching = null;
        if (o.responseCache != null && o.cacheMode != CacheMode.OFF) {
            // a pool's members serve the same model: its declared name keys their shared entries
            String endpoint = pooled != null ? "pool " + name : backends.get(0).info().endpoint();
            model = caching = new CachingLanguageModel(model, o.responseCache, o.cacheMode, endpoint, null);
        }
        if (!o.sampling.isEmpty()) {
            model = new SamplingDefaultsLanguageModel(model, o.sampling);
        }
        return new SharedLayers(model, name, caching, waiting, retrying, limiting, pooled);
    }

    /** @param who "the scorer", "the model gpt": whose backends they are, for the message */
    static List<LanguageModel> backends(String who, List<? extends LanguageModel> backends) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException(who + " needs at least one backend");
        }
        return List.copyOf(backends);
    }

    /** The options of {@link SharedLayers} (see {@link LayerOptions}). */
    public static final class Builder extends LayerOptions<Builder> {
        private final String name;
        private final List<LanguageModel> backends;

        private Builder(String name, List<? extends LanguageModel> backends) {
            this.name = Objects.requireNonNull(name, "name");
            this.backends = backends("the model " + name, backends);
        }

        @Override
        Builder self() {
            return this;
        }

        public SharedLayers build() {
            return compose(name, backends, this);
        }
    }
}
