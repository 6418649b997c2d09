package io.llmopt.core.stack;

import io.llmopt.core.accounting.AccountingLanguageModel;
import io.llmopt.core.accounting.Budget;
import io.llmopt.core.accounting.BudgetLanguageModel;
import io.llmopt.core.accounting.CallListener;
import io.llmopt.core.accounting.PriceTable;
import io.llmopt.core.accounting.UsageLedger;
import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.cache.ResponseCache;
import io.llmopt.core.concurrent.Delayer;
import io.llmopt.core.concurrent.Ticker;
import io.llmopt.core.limits.LimitPolicy;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.pool.PoolPolicy;
import io.llmopt.core.pool.PooledLanguageModel;
import io.llmopt.core.retry.RetryListener;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.retry.RetryStats;
import io.llmopt.core.retry.RetryingLanguageModel;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * One role's model, built from backends and a few options in the recommended order:
 * <pre>
 * caller -> Accounting -> Budget -> Cache -> Retry -> Limits -> Pool -> backend(s)
 * </pre>
 * Accounting sees every logical call; the budget refuses before money is spent; a cache hit costs
 * nothing and skips retry and limits; retry sits outside the limiter so a call waiting to retry
 * holds no slot; the pool spreads what the limiter lets through. Layers that are not configured
 * are left out, except accounting, which is always there.
 *
 * <p>The stack is itself a {@link LanguageModel} (the top layer); its accessors expose the layers a
 * progress display reads. Closing it closes the backends but not the cache, which roles share.
 */
public final class ModelStack extends ForwardingLanguageModel {

    private final String role;
    private final UsageLedger ledger;
    private final RetryingLanguageModel retry;
    private final LimitingLanguageModel limiter;
    private final PooledLanguageModel pool;
    private final CachingLanguageModel cache;

    private ModelStack(LanguageModel top, String role, UsageLedger ledger, RetryingLanguageModel retry,
            LimitingLanguageModel limiter, PooledLanguageModel pool, CachingLanguageModel cache) {
        super(top);
        this.role = role;
        this.ledger = ledger;
        this.retry = retry;
        this.limiter = limiter;
        this.pool = pool;
        this.cache = cache;
    }

    /** A stack for {@code role} over one backend. */
    public static Builder builder(String role, LanguageModel backend) {
        return new Builder(role, List.of(Objects.requireNonNull(backend, "backend")));
    }

    /** A stack for {@code role} over several backends serving the same model, pooled. */
    public static Builder builder(String role, List<? extends LanguageModel> backends) {
        return new Builder(role, List.copyOf(backends));
    }

    public String role() {
        return role;
    }

    public UsageLedger ledger() {
        return ledger;
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

    public Optional<CachingLanguageModel> cache() {
        return Optional.ofNullable(cache);
    }

    /** Options of a {@link ModelStack}; every one has a sensible default. */
    public static final class Builder {
        private final String role;
        private final List<LanguageModel> backends;
        private PoolPolicy poolPolicy = PoolPolicy.defaults();
        private LimitPolicy limits = LimitPolicy.unlimited();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RetryListener retryListener = RetryListener.NONE;
        private Random random = new Random();
        private ResponseCache responseCache;
        private CacheMode cacheMode = CacheMode.READ_WRITE;
        private Budget budget = Budget.unlimited();
        private UsageLedger ledger;
        private PriceTable prices = PriceTable.defaults();
        private CallListener callListener = CallListener.NONE;
        private Ticker ticker = Ticker.SYSTEM;
        private Delayer delayer = Delayer.SYSTEM;

        private Builder(String role, List<LanguageModel> backends) {
            this.role = Objects.requireNonNull(role, "role");
            if (backends.isEmpty()) {
                throw new IllegalArgumentException("the " + role + " needs at least one backend");
            }
            this.backends = backends;
        }

        public Builder pool(PoolPolicy policy) {
            poolPolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder limits(LimitPolicy policy) {
            limits = Objects.requireNonNull(policy);
            return this;
        }

        /** Shorthand for a concurrency cap with no rate limits. */
        public Builder maxConcurrency(int max) {
            return limits(new LimitPolicy(max, limits.requestsPerMinute(), limits.tokensPerMinute(), limits.burst(), limits.defaultMaxTokens()));
        }

        public Builder retry(RetryPolicy policy) {
            retryPolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder retryListener(RetryListener listener) {
            retryListener = Objects.requireNonNull(listener);
            return this;
        }

        /** Seeds the retry jitter, for reproducible runs and tests. */
        public Builder random(Random value) {
            random = Objects.requireNonNull(value);
            return this;
        }

        public Builder cache(ResponseCache value, CacheMode mode) {
            responseCache = value;
            cacheMode = Objects.requireNonNull(mode);
            return this;
        }

        public Builder budget(Budget value) {
            budget = Objects.requireNonNull(value);
            return this;
        }

        /** The run's shared ledger; without one the stack keeps its own. */
        public Builder ledger(UsageLedger value) {
            ledger = Objects.requireNonNull(value);
            return this;
        }

        public Builder prices(PriceTable value) {
            prices = Objects.requireNonNull(value);
            return this;
        }

        public Builder callListener(CallListener value) {
            callListener = Objects.requireNonNull(value);
            return this;
        }

        /** Replaces real time, for tests. */
        public Builder time(Ticker tickerValue, Delayer delayerValue) {
            ticker = Objects.requireNonNull(tickerValue);
            delayer = Objects.requireNonNull(delayerValue);
            return this;
        }

        public ModelStack build() {
            UsageLedger usedLedger = ledger != null ? ledger : new UsageLedger();
            LanguageModel model = backends.get(0);
            PooledLanguageModel pooled = null;
            if (backends.size() > 1) {
                model = pooled = new PooledLanguageModel(backends, poolPolicy, ticker);
            }
            LimitingLanguageModel limiting = null;
            if (limits.limitsAnything()) {
                model = limiting = new LimitingLanguageModel(model, limits, ticker, delayer);
            }
            RetryingLanguageModel retrying = null;
            if (retryPolicy.maxAttempts() > 1) {
                model = retrying = new RetryingLanguageModel(model, retryPolicy, retryListener, random, delayer);
            }
            CachingLanguageModel caching = null;
            if (responseCache != null && cacheMode != CacheMode.OFF) {
                model = caching = new CachingLanguageModel(model, responseCache, cacheMode);
            }
            if (budget.limitsAnything()) {
                model = new BudgetLanguageModel(model, usedLedger, budget);
            }
            model = new AccountingLanguageModel(model, role, usedLedger, prices, callListener, ticker, Clock.systemUTC());
            return new ModelStack(model, role, usedLedger, retrying, limiting, pooled, caching);
        }
    }
}
