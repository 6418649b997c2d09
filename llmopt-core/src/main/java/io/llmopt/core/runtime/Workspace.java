package io.llmopt.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.llmopt.core.accounting.PriceTable;
import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.ResponseCache;
import io.llmopt.core.cache.SqliteResponseCache;
import io.llmopt.core.config.ApiKeys;
import io.llmopt.core.config.ConfigException;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.ModelConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.config.Provider;
import io.llmopt.core.config.SecretRedactor;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.http.ApiKey;
import io.llmopt.core.limits.LimitPolicy;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.outage.OutageEvent;
import io.llmopt.core.outage.OutagePolicy;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.stack.SharedLayers;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a run needs besides its own logic: the configuration, the run store, the response
 * cache and the shared lower layers of every configured model. Library users open one, start or
 * resume runs in it, and ask those runs for their models by role.
 *
 * <pre>{@code
 * LoadedConfig config = new ConfigLoader().file(Path.of("llmopt.yaml")).environment(System.getenv()).load();
 * try (Workspace ws = Workspace.open(config, System.getenv());
 *      ActiveRun run = ws.startRun("opro-prompt", "gsm8k baseline", effectiveConfig)) {
 *     LanguageModel scorer = run.model(ModelRoles.SCORER);
 *     ...
 *     run.finish(RunStatus.COMPLETED, summary);
 * }
 * }</pre>
 */
public final class Workspace implements AutoCloseable {

    /** Used when a model sets no max_concurrency: enough to be fast, few enough for a small server. */
    public static final int DEFAULT_MAX_CONCURRENCY = 16;

    /** The embedded engine's default: each request in flight is an engine slot on the user's CPU. */
    public static final int DEFAULT_LOCAL_CONCURRENCY = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadedConfig config;
    private final Map<String, String> environment;
    private final RunStore store;
    private final ResponseCache cache;
    private final CacheMode cacheMode;
    private final PriceTable prices;
    private final Map<Provider, BackendFactory> backends;
    private final BackendFactory allBackends;
    private final RetryPolicy retryPolicy;
    private final RunListener listener;
    private final OutagePolicy outagePolicy;
    private final Map<String, SharedLayers> shared = new ConcurrentHashMap<>();
    /** Runs open in this workspace: they hear about outages of the models they use and can stop the waiting. */
    private final Set<ActiveRun> active = ConcurrentHashMap.newKeySet();

    private Workspace(Builder b) {
        this.config = b.config;
        this.environment = Map.copyOf(b.environment);
        this.backends = new EnumMap<>(b.backends);
        this.allBackends = b.allBackends;
        this.retryPolicy = b.retryPolicy;
        this.listener = b.listener;
        this.outagePolicy = b.outagePolicy;
        this.cacheMode = config.settings().cache().mode();
        this.prices = prices(config);
        Path storePath = config.settings().resolvedStorePath();
        createParent(storePath, "store.path");
        this.store = RunStore.open(storePath);
        ResponseCache c = b.cache;
        if (c == null && cacheMode != CacheMode.OFF) {
            Path cachePath = config.settings().cache().resolvedPath();
            createParent(cachePath, "cache.path");
            try {
                c = SqliteResponseCache.open(cachePath);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        this.cache = c;
    }

    /** Opens the workspace the configuration describes, reading API keys from {@code environment}. */
    public static Workspace open(LoadedConfig config, Map<String, String> environment) {
        return builder(config).environment(environment).build();
    }

    public static Builder builder(LoadedConfig config) {
        return new Builder(config);
    }

    public LoadedConfig config() {
        return config;
    }

    public RunStore store() {
        return store;
    }

    public PriceTable prices() {
        return prices;
    }

    RunListener listener() {
        return listener;
    }

    /** Creates a run and starts it; {@code effectiveConfig} is stored with secrets redacted. */
    public ActiveRun startRun(String kind, String name, JsonNode effectiveConfig) {
        JsonNode cfg = effectiveConfig == null ? JsonNodeFactory.instance.objectNode() : effectiveConfig;
        RunRecord record = store.createRun(kind, name, cfg);
        Path dir = runDirectory(record.id());
        writeConfig(dir, cfg);
        return new ActiveRun(this, record, dir);
    }

    /** Continues a stored run: same id, same store rows; finished work is not redone by the caller. */
    public ActiveRun resumeRun(String runId) {
        RunRecord record = store.run(runId).orElseThrow(() -> new ConfigException(
                "no run '" + runId + "' in " + store.file() + "; 'llmopt runs list' shows the runs"));
        return new ActiveRun(this, record, runDirectory(runId));
    }

    /** The folder of a run's files (configuration, report, charts, logs), created if needed. */
    public Path runDirectory(String runId) {
        Path dir = config.settings().resolvedRunsDir().resolve(runId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("runs_dir: cannot create " + dir + " (" + e.getMessage() + "); check the folder's permissions");
        }
        return dir;
    }

    /**
     * The lower layers of the configured model {@code modelName}, built on first use and shared by
     * every role and run that uses the model, so its concurrency and rate limits hold across all of them.
     */
    SharedLayers shared(String modelName) {
        return shared.computeIfAbsent(modelName, this::build);
    }

    void register(ActiveRun run) {
        active.add(run);
    }

    void unregister(ActiveRun run) {
        active.remove(run);
    }

    /**
     * Fails every call waiting for a down endpoint, so a stop (Ctrl-C) does not wait for the outage
     * to end. Every run of this workspace sees those calls fail; the CLI runs one at a time.
     */
    void abandonOutageWaits() {
        for (SharedLayers s : shared.values()) {
            s.outage().ifPresent(OutageTolerantLanguageModel::abandonWaits);
        }
    }

    private void outage(OutageEvent event) {
        for (ActiveRun run : active) {
            if (run.uses(event.modelName())) {
                run.outage(event);
            }
        }
    }

    private boolean anyRunStopping() {
        for (ActiveRun run : active) {
            if (run.stopRequested()) {
                return true;
            }
        }
        return false;
    }

    /** Retried attempts over every model this workspace has built. */
    long retriedErrors() {
        return shared.values().stream()
                .mapToLong(s -> s.retryStats().map(r -> r.snapshot().retries()).orElse(0L)).sum();
    }

    private SharedLayers build(String modelName) {
        ModelConfig mc = config.settings().models().get(modelName);
        ModelSpec spec = config.modelSpecs().get(modelName);
        if (mc == null || spec == null) {
            throw new ConfigException("no model named '" + modelName + "' in the configuration; define it under models:");
        }
        BackendFactory factory = allBackends != null ? allBackends : backends.get(spec.provider());
        if (factory == null) {
            factory = spec.provider().isHttp() ? new HttpBackends() : null;
        }
        if (factory == null) {
            throw new ConfigException("models." + modelName + ": the " + spec.provider().prefix()
                    + ": provider is not available in this program" + (spec.provider() == Provider.LOCAL
                    ? " (the embedded engine is in llmopt-local: register it with Workspace.builder(config)"
                    + ".backend(Provider.LOCAL, new LocalBackends(progress)))" : ""));
        }
        Optional<ApiKey> key = allBackends != null ? Optional.empty()
                : ApiKeys.resolve(modelName, mc, spec, environment).map(ApiKey::of);
        List<LanguageModel> backends = factory.create(modelName, mc, spec, key);
        int concurrency = mc.maxConcurrency() != null ? mc.maxConcurrency()
                : spec.provider() == Provider.LOCAL ? DEFAULT_LOCAL_CONCURRENCY : DEFAULT_MAX_CONCURRENCY;
        OutagePolicy outagePolicy = mc.maxOutageSeconds() == null ? this.outagePolicy
                : this.outagePolicy.withMaxOutage(Duration.ofSeconds(mc.maxOutageSeconds()));
        // the order is SharedLayers', as in a library user's ModelStack; only the settings come from the configuration
        return SharedLayers.builder(modelName, backends)
                .limits(LimitPolicy.of(concurrency,
                        mc.requestsPerMinute() != null ? mc.requestsPerMinute() : 0,
                        mc.tokensPerMinute() != null ? mc.tokensPerMinute() : 0))
                .retry(retryPolicy)
                .outage(outagePolicy)
                .outageListener(this::outage)
                .stopWaiting(this::anyRunStopping)
                .cache(cache, cacheMode)
                .build();
    }

    private static PriceTable prices(LoadedConfig config) {
        PriceTable table = PriceTable.defaults();
        for (Map.Entry<String, ModelConfig> e : config.settings().models().entrySet()) {
            ModelConfig mc = e.getValue();
            ModelSpec spec = config.modelSpecs().get(e.getKey());
            if (mc.price() != null && spec != null) {
                table = table.with(spec.model(), mc.price().promptPerMillion(), mc.price().completionPerMillion());
            }
        }
        return table;
    }

    private static void createParent(Path file, String setting) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new ConfigException(setting + ": cannot create " + parent + " (" + e.getMessage() + "); check the path");
        }
    }

    private static void writeConfig(Path dir, JsonNode cfg) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), SecretRedactor.redact(cfg));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("config.json"), e);
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (SharedLayers s : shared.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        shared.clear();
        try {
            store.close();
        } catch (RuntimeException e) {
            first = first == null ? e : first;
        }
        if (cache != null) {
            try {
                cache.close();
            } catch (Exception e) {
                first = first == null ? new IllegalStateException("closing the response cache failed", e) : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Options beyond the configuration: extra backends, listeners, test doubles. */
    public static final class Builder {
        private final LoadedConfig config;
        private Map<String, String> environment = Map.of();
        private final Map<Provider, BackendFactory> backends = new EnumMap<>(Provider.class);
        private BackendFactory allBackends;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RunListener listener = RunListener.NONE;
        private OutagePolicy outagePolicy = OutagePolicy.waitingUpTo(OutagePolicy.DEFAULT_MAX_OUTAGE);
        private ResponseCache cache;

        private Builder(LoadedConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder environment(Map<String, String> value) {
            environment = Objects.requireNonNull(value, "environment");
            return this;
        }

        /** Serves a provider that core cannot (the simulated server, the embedded engine). */
        public Builder backend(Provider provider, BackendFactory factory) {
            backends.put(provider, factory);
            return this;
        }

        /**
         * Serves every configured model with {@code factory}, whatever its provider, and resolves no
         * API key: a dry run points all roles at the simulated server while model names (and so
         * prices) stay those of the real run.
         */
        public Builder allBackends(BackendFactory factory) {
            allBackends = factory;
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /**
         * How calls wait for an endpoint that stays down; a model's {@code max_outage_seconds}
         * replaces the policy's maximum. Tests shorten the probe intervals here.
         */
        public Builder outagePolicy(OutagePolicy value) {
            outagePolicy = Objects.requireNonNull(value, "outagePolicy");
            return this;
        }

        /** Follows every run of this workspace (progress display, dashboard). */
        public Builder listener(RunListener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** Uses this cache instead of the configured file (tests, an in-memory cache). */
        public Builder cache(ResponseCache value) {
            cache = value;
            return this;
        }

        public Workspace build() {
            return new Workspace(this);
        }
    }
}
