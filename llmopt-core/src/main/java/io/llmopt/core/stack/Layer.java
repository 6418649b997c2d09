package io.llmopt.core.stack;

import io.llmopt.core.accounting.AccountingLanguageModel;
import io.llmopt.core.accounting.BudgetLanguageModel;
import io.llmopt.core.accounting.SendingLanguageModel;
import io.llmopt.core.batch.BatchingLanguageModel;
import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.SamplingDefaultsLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.pool.PooledLanguageModel;
import io.llmopt.core.retry.RetryingLanguageModel;
import java.time.Clock;

/**
 * The layers of a model, from the caller down to the backend, in the one order they are built:
 * <pre>
 * caller -> Accounting -> Budget -> Sampling -> Cache -> [Batch] -> Outage -> Retry -> Limits -> Sending -> Pool -> backend(s)
 *           '--- per role ----'   '---------------- per model: SharedLayers ----------------'
 * </pre>
 * The declaration order is the order (like an HTTP client's interceptor list): adding a concern
 * means adding a constant here, at its place, that wraps the layer below it; {@link SharedLayers}
 * and {@link ModelStack} build whatever this list says and find a layer by its class, so neither
 * they nor their callers change.
 *
 * <p>Why this order: accounting sees every logical call; the budget refuses before money is spent;
 * a cache hit costs nothing and skips everything below, even a down endpoint; the outage layer
 * waits only once the retries gave up, and once per model so an outage is announced once; retry
 * sits outside the limiter so a call waiting to retry holds no slot; the batching layer (a model in
 * batch mode) gathers what the limiter lets through into provider batch jobs; the pool spreads
 * what reaches it. A layer whose options leave it out returns null and costs nothing.
 */
enum Layer {

    ACCOUNTING(Scope.ROLE) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            RoleInputs r = in.role();
            return new AccountingLanguageModel(below, r.role(), r.ledger(), r.prices(), r.callListener(),
                    in.options().ticker, Clock.systemUTC());
        }
    },
    BUDGET(Scope.ROLE) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            RoleInputs r = in.role();
            return r.budget().limitsAnything() ? new BudgetLanguageModel(below, r.ledger(), r.budget(), r.prices()) : null;
        }
    },
    /** The model's configured sampling fields for every request that leaves them unset: above the cache, so they key it. */
    SAMPLING(Scope.MODEL) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            LayerOptions<?> o = in.options();
            return o.sampling.isEmpty() ? null : new SamplingDefaultsLanguageModel(below, o.sampling);
        }
    },
    CACHE(Scope.MODEL) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            LayerOptions<?> o = in.options();
            if (o.responseCache == null || o.cacheMode == CacheMode.OFF) {
                return null;
            }
            // keyed by the endpoint that answers; a pool's members serve one model, so its declared name keys their shared entries
            String endpoint = in.backends().size() > 1 ? "pool " + in.name() : in.backends().get(0).info().endpoint();
            return new CachingLanguageModel(below, o.responseCache, o.cacheMode, endpoint, null);
        }
    },
    /**
     * Gathers calls into provider batch jobs when the model is in batch mode; callers never know.
     * It sits above the outage, retry and limit layers: the limiter would let only max_concurrency
     * calls through at a time, making every batch that small, and a request the batch could not
     * run is made live through those layers, with their retries and limits.
     */
    BATCH(Scope.MODEL) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            LayerOptions<?> o = in.options();
            return o.batch == null ? null : new BatchingLanguageModel(below, o.batch.channel(), o.batch.wire(),
                    o.batch.settings(), o.batch.submissionId(), o.stopWaiting, o.batch.phases()::batching);
        }
    },
    OUTAGE(Scope.MODEL) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            LayerOptions<?> o = in.options();
            return o.outagePolicy.enabled() ? new OutageTolerantLanguageModel(below, in.name(), o.outagePolicy,
                    o.outageListener, o.stopWaiting, o.delayer, o.ticker) : null;
        }
    },
    RETRY(Scope.MODEL) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            LayerOptions<?> o = in.options();
            return o.retryPolicy.maxAttempts() > 1
                    ? new RetryingLanguageModel(below, o.retryPolicy, o.retryListener, o.random, o.delayer) : null;
        }
    },
    LIMITS(Scope.MODEL) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            LayerOptions<?> o = in.options();
            return o.limits.limitsAnything() ? new LimitingLanguageModel(below, o.limits, o.ticker, o.delayer) : null;
        }
    },
    /**
     * Whatever reaches this layer is sent: it lets the accounting layer record the call as sent
     * before each request leaves (a reply lost in a kill still leaves the call in the ledger).
     * Below retry and the limiter, so each attempt is told once and a call waiting for a slot is not.
     */
    SENDING(Scope.MODEL) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            return new SendingLanguageModel(below);
        }
    },
    /** The bottom: several backends serving one model are pooled; a single one is used as it is. */
    POOL(Scope.MODEL) {
        @Override
        LanguageModel wrap(LanguageModel below, LayerInputs in) {
            return in.backends().size() > 1
                    ? new PooledLanguageModel(in.backends(), in.options().poolPolicy, in.options().ticker) : null;
        }
    };

    /** Whether a layer belongs to one role's stack or to the model's layers every role shares. */
    enum Scope { ROLE, MODEL }

    private final Scope scope;

    Layer(Scope scope) {
        this.scope = scope;
    }

    Scope scope() {
        return scope;
    }

    /** Wraps {@code below} (for the bottom layer: the first backend), or null to be left out. */
    abstract LanguageModel wrap(LanguageModel below, LayerInputs in);
}
