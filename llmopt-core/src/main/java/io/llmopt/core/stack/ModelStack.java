package io.llmopt.core.stack;

import io.llmopt.core.accounting.AccountingLanguageModel;
import io.llmopt.core.accounting.Budget;
import io.llmopt.core.accounting.BudgetLanguageModel;
import io.llmopt.core.accounting.CallListener;
import io.llmopt.core.accounting.PriceTable;
import io.llmopt.core.accounting.UsageLedger;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.pool.PooledLanguageModel;
import io.llmopt.core.retry.RetryStats;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One role's model, built from backends and a few options in the recommended order:
 * <pre>
 * caller -> Accounting -> Budget -> Cache -> Outage -> Retry -> Limits -> Pool -> backend(s)
 *           '--- per role ----'   '----------- per model: SharedLayers -----------'
 * </pre>
 * Accounting sees every logical call; the budget refuses before money is spent; a cache hit costs
 * nothing and skips everything below, even a down endpoint; the outage layer waits only once the
 * retries gave up, and once per model so an outage is announced once; retry sits outside the
 * limiter so a call waiting to retry holds no slot; the pool spreads what the limiter lets through.
 * Layers that are not configured are left out, except accounting, which is always there.
 *
 * <p>Each part of this order is written once: the per-role layers in {@link Builder#build()}, the
 * per-model ones in {@link SharedLayers}. The runtime ({@code Workspace}, {@code ActiveRun}) builds
 * its role models with these two classes as well, one {@link SharedLayers} per configured model and
 * a stack per role over it, so what a library user builds and what a run uses cannot drift apart.
 *
 * <p>The stack is itself a {@link LanguageModel} (the top layer); its accessors expose the layers a
 * progress display reads. Closing it closes the backends when it built its lower layers itself
 * ({@link #builder(String, LanguageModel)}), never layers it was given to share, nor the cache.
 */
public final class ModelStack extends ForwardingLanguageModel {

    private final String role;
    private final UsageLedger ledger;
    private final SharedLayers layers;
    private final boolean ownsLayers;

    private ModelStack(LanguageModel top, String role, UsageLedger ledger, SharedLayers layers, boolean ownsLayers) {
        super(top);
        this.role = role;
        this.ledger = ledger;
        this.layers = layers;
        this.ownsLayers = ownsLayers;
    }

    /** A stack for {@code role} over one backend; outage events name the role as the model. */
    public static Builder builder(String role, LanguageModel backend) {
        return new Builder(role, List.of(Objects.requireNonNull(backend, "backend")), null);
    }

    /** A stack for {@code role} over several backends serving the same model, pooled. */
    public static Builder builder(String role, List<? extends LanguageModel> backends) {
        return new Builder(role, SharedLayers.backends("the " + role, backends), null);
    }

    /**
     * A stack for {@code role} over lower layers other roles share: only the per-role options
     * (budget, ledger, prices, call listener) apply; the others belong to {@code layers}' builder.
     */
    public static Builder builder(String role, SharedLayers layers) {
        return new Builder(role, List.of(), Objects.requireNonNull(layers, "layers"));
    }

    public String role() {
        return role;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    /** The per-model part of this stack. */
    public SharedLayers sharedLayers() {
        return layers;
    }

    public Optional<RetryStats> retryStats() {
        return layers.retryStats();
    }

    public Optional<LimitingLanguageModel> limiter() {
        return layers.limiter();
    }

    public Optional<PooledLanguageModel> pool() {
        return layers.pool();
    }

    public Optional<CachingLanguageModel> cache() {
        return layers.cache();
    }

    public Optional<OutageTolerantLanguageModel> outage() {
        return layers.outage();
    }

    @Override
    public void close() {
        if (ownsLayers) {
            layers.close();
        }
    }

    /**
     * Options of a {@link ModelStack}: the per-role ones here, the per-model ones inherited from
     * {@link LayerOptions}, which go to the same method that orders {@link SharedLayers}.
     */
    public static final class Builder extends LayerOptions<Builder> {
        private final String role;
        private final List<LanguageModel> backends;
        private final SharedLayers given;
        private Budget budget = Budget.unlimited();
        private UsageLedger ledger;
        private PriceTable prices = PriceTable.defaults();
        private CallListener callListener = CallListener.NONE;

        private Builder(String role, List<LanguageModel> backends, SharedLayers given) {
            this.role = Objects.requireNonNull(role, "role");
            this.backends = backends;
            this.given = given;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        void configuringLayers() {
            if (given != null) {
                throw new IllegalStateException("the " + role + "'s lower layers are shared and already built ("
                        + given.name() + "); set this option on their SharedLayers.Builder");
            }
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

        public ModelStack build() {
            SharedLayers layers = given != null ? given : SharedLayers.compose(role, backends, this);
            UsageLedger usedLedger = ledger != null ? ledger : new UsageLedger();
            // wraps the top shared layer, not the SharedLayers object: one hop less per call
            LanguageModel model = layers.delegate();
            if (budget.limitsAnything()) {
                model = new BudgetLanguageModel(model, usedLedger, budget, prices);
            }
            model = new AccountingLanguageModel(model, role, usedLedger, prices, callListener, ticker, Clock.systemUTC());
            return new ModelStack(model, role, usedLedger, layers, given == null);
        }
    }
}
