package io.llmopt.core.stack;

import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.SamplingDefaultsLanguageModel;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.pool.PooledLanguageModel;
import io.llmopt.core.retry.RetryStats;
import io.llmopt.core.retry.RetryingLanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lower layers of one model, the part of a {@link ModelStack} that every role using the model
 * can share so that its limits hold across all of them:
 * <pre>
 * [Sampling] -> Cache -> [Batch] -> Outage -> Retry -> Limits -> Sending -> Pool -> backend(s)
 * </pre>
 * The order is {@link Layer}'s, the one list of layers; {@link ModelStack} adds the per-role
 * layers on top, and the runtime builds one of these per configured model. Layers that are not
 * configured are left out, so a call pays only for what it uses. Callers ask for a layer by its
 * class ({@link #layer(Class)}) or for the settings it was built with ({@link #settings()}), never
 * by walking the chain.
 *
 * <p>Closing it closes the backends but not the response cache, which usually outlives it.
 */
public final class SharedLayers extends ForwardingLanguageModel {

    private final String name;
    private final List<LanguageModel> layers;
    private final LayerSettings settings;

    private SharedLayers(LanguageModel top, String name, List<LanguageModel> layers, LayerSettings settings) {
        super(top);
        this.name = name;
        this.layers = layers;
        this.settings = settings;
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

    /** The settings these layers were built with. */
    public LayerSettings settings() {
        return settings;
    }

    /** The layers built, from the top down (a layer that is not configured is not there). */
    public List<LanguageModel> layers() {
        return layers.reversed();
    }

    /** The layer of this type, if these layers have one (a layer that is not configured is left out). */
    public <T extends LanguageModel> Optional<T> layer(Class<T> type) {
        return find(layers, type);
    }

    public Optional<CachingLanguageModel> cache() {
        return layer(CachingLanguageModel.class);
    }

    public Optional<OutageTolerantLanguageModel> outage() {
        return layer(OutageTolerantLanguageModel.class);
    }

    public Optional<RetryStats> retryStats() {
        return layer(RetryingLanguageModel.class).map(RetryingLanguageModel::stats);
    }

    public Optional<LimitingLanguageModel> limiter() {
        return layer(LimitingLanguageModel.class);
    }

    public Optional<PooledLanguageModel> pool() {
        return layer(PooledLanguageModel.class);
    }

    static SharedLayers compose(String name, List<LanguageModel> backends, LayerOptions<?> o) {
        List<LanguageModel> built = new ArrayList<>();
        LanguageModel top = build(Layer.Scope.MODEL, backends.get(0), new LayerInputs(name, backends, o, null), built);
        return new SharedLayers(top, name, List.copyOf(built), o.settings());
    }

    /**
     * Builds the layers of {@code scope} from the bottom of {@link Layer}'s list up, each wrapping
     * the one below it, and adds each layer built to {@code built}: the one place that stacks them.
     */
    static LanguageModel build(Layer.Scope scope, LanguageModel bottom, LayerInputs in, List<LanguageModel> built) {
        Layer[] order = Layer.values();
        LanguageModel model = bottom;
        for (int i = order.length - 1; i >= 0; i--) {
            if (order[i].scope() == scope) {
                LanguageModel wrapped = order[i].wrap(model, in);
                if (wrapped != null) {
                    model = wrapped;
                    built.add(wrapped);
                }
            }
        }
        return model;
    }

    static <T extends LanguageModel> Optional<T> find(List<LanguageModel> layers, Class<T> type) {
        return layers.stream().filter(type::isInstance).map(type::cast).findFirst();
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
