package io.llmopt.core.stack;

import io.llmopt.core.accounting.Budget;
import io.llmopt.core.accounting.CallListener;
import io.llmopt.core.accounting.PriceTable;
import io.llmopt.core.accounting.UsageLedger;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.pool.PooledLanguageModel;
import io.llmopt.core.retry.RetryStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * One role's model, built from backends and a few options in the order of {@link Layer}, the one
 * list of layers:
 * <pre>
 * caller -> Accounting -> Budget -> [Sampling] -> Cache -> [Batch] -> Outage -> Retry -> Limits -> Sending -> Pool -> backend(s)
 *           '--- per role ----'   '--------------------- per model: SharedLayers ---------------------'
 * </pre>
 * The runtime ({@code ModelLayers}, {@code ActiveRun}) builds its role models with this class as
 * well, one {@link SharedLayers} per configured model and a stack per role over it, so what a
 * library user builds and what a run uses cannot drift apart.
 *
 * <p>The stack is itself a {@link LanguageModel} (the top layer). Callers ask it for a layer by
 * class ({@link #layer(Class)}) or for its {@link #settings()}, never walk the chain. Closing it
 * closes the backends when it built its lower layers itself ({@link #builder(String, LanguageModel)}),
 * never layers it was given to share, nor the cache.
 */
public final class ModelStack extends ForwardingLanguageModel {

    private final String role;
    private final UsageLedger ledger;
    private final SharedLayers layers;
    private final List<LanguageModel> roleLayers;
    private final boolean ownsLayers;
    private final CallGroup group;

    private ModelStack(LanguageModel top, String role, UsageLedger ledger, SharedLayers layers,
            List<LanguageModel> roleLayers, boolean ownsLayers, CallGroup group) {
        super(top);
        this.role = role;
        this.ledger = ledger;
        this.layers = layers;
        this.roleLayers = roleLayers;
        this.ownsLayers = ownsLayers;
        this.group = group;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        return group == null ? delegate.chat(request) : group.track(info(), () -> delegate.chat(request));
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

    /** The settings of the per-model layers. */
    public LayerSettings settings() {
        return layers.settings();
    }

    /** How many calls this model is worth keeping in flight, if its limits cap concurrency. */
    public OptionalInt maxConcurrency() {
        return settings().maxConcurrency();
    }

    /** The layers built, from the top down: the per-role ones, then the shared ones. */
    public List<LanguageModel> layers() {
        List<LanguageModel> all = new ArrayList<>(roleLayers.reversed());
        all.addAll(layers.layers());
        return List.copyOf(all);
    }

    /** The layer of this type, per role or per model, if the stack has one. */
    public <T extends LanguageModel> Optional<T> layer(Class<T> type) {
        Optional<T> own = SharedLayers.find(roleLayers, type);
        return own.isPresent() ? own : layers.layer(type);
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
        private CallGroup callGroup;
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

        /** Makes this stack's calls part of {@code value}, to be cancelled together (a run's stop). */
        public Builder callGroup(CallGroup value) {
            callGroup = Objects.requireNonNull(value);
            return this;
        }

        public ModelStack build() {
            SharedLayers layers = given != null ? given : SharedLayers.compose(role, backends, this);
            UsageLedger usedLedger = ledger != null ? ledger : new UsageLedger();
            List<LanguageModel> built = new ArrayList<>();
            // wraps the top shared layer, not the SharedLayers object: one hop less per call
            LanguageModel top = SharedLayers.build(Layer.Scope.ROLE, layers.delegate(), new LayerInputs(role, List.of(), this,
                    new RoleInputs(role, usedLedger, budget, prices, callListener)), built);
            return new ModelStack(top, role, usedLedger, layers, List.copyOf(built), given == null, callGroup);
        }
    }
}
