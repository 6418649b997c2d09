package io.llmopt.core.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.llmopt.core.accounting.PriceTable;
import io.llmopt.core.batch.BatchPhases;
import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.FailSafeResponseCache;
import io.llmopt.core.cache.ResponseCache;
import io.llmopt.core.cache.SqliteResponseCache;
import io.llmopt.core.config.ConfigException;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.ModelConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.config.Provider;
import io.llmopt.core.config.SecretRedactor;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.outage.OutageEvent;
import io.llmopt.core.outage.OutagePolicy;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.stack.SharedLayers;
import io.llmopt.core.store.RunLease;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything a run needs besides its own logic: the configuration, the run store, the response
 * cache, the shared lower layers of every configured model (built by {@link ModelLayers}) and the
 * runs open in it. Library users open one, start or resume runs in it, and ask those runs for
 * their models by role.
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
    private final RunStore store;
    private final ResponseCache cache;
    private final CacheMode cacheMode;
    private final PriceTable prices;
    private final RunListener listener;
    private final ModelLayers models;
    /** Runs open in this workspace: they hear about outages of the models they use and can stop the waiting. */
    private final Set<ActiveRun> active = ConcurrentHashMap.newKeySet();
    private final Duration leaseHeartbeat;
    private final Duration leaseStaleAfter;
    /** Renews the leases of the runs open here and looks for stops asked by other processes; started with the first run. */
    private volatile ScheduledExecutorService heartbeats;

    private Workspace(Builder b) {
        this.config = b.config;
        this.listener = b.listener;
        this.leaseHeartbeat = b.leaseHeartbeat;
        this.leaseStaleAfter = b.leaseStaleAfter;
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
                // a cache that fails later (full disk, corrupt page) is switched off with one warning
                c = new FailSafeResponseCache(SqliteResponseCache.open(cachePath), cachePath.toString(), this::cacheOff);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        this.cache = c;
        this.models = new ModelLayers(config, b.environment, b.backends, b.allBackends, b.retryPolicy, b.outagePolicy,
                this::outage, this::everyRunStopping, c, this::serverWarning, this::batchEvent,
                config.settings().resolvedStorePath().toAbsolutePath().resolveSibling("batch-journal"), prices,
                b.batchPhases);
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
        Path dir;
        try {
            dir = runDirectory(record.id());
            writeConfig(dir, cfg);
        } catch (RunFolderException | ConfigException e) {
            store.updateStatus(record.id(), RunStatus.FAILED); // the store may well be on another disk
            throw e;
        }
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
        return models.of(modelName);
    }

    /** A lease not renewed for this long may be taken over by another process. */
    Duration leaseStaleAfter() {
        return leaseStaleAfter;
    }

    void register(ActiveRun run) {
        active.add(run);
        startHeartbeats();
    }

    void unregister(ActiveRun run) {
        active.remove(run);
    }

    private synchronized void startHeartbeats() {
        if (heartbeats != null) {
            return;
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("llmopt-lease-heartbeat").unstarted(r));
        long period = leaseHeartbeat.toMillis();
        heartbeats.scheduleWithFixedDelay(() -> {
            for (ActiveRun run : active) {
                try {
                    run.heartbeat();
                } catch (RuntimeException e) {
                    // a store that cannot be written fails the run's own writes, which say why
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        // a stop asked from another process (the dashboard) must reach a run whose loop is blocked
        // waiting for calls that never return: look for it here too, not only when the loop asks
        long poll = ActiveRun.STOP_POLL_INTERVAL.toMillis();
        heartbeats.scheduleWithFixedDelay(() -> {
            for (ActiveRun run : active) {
                try {
                    run.stopRequested();
                } catch (RuntimeException e) {
                    // as above
                }
            }
        }, poll, poll, TimeUnit.MILLISECONDS);
    }

    /**
     * A run was asked to stop: its own calls are already cancelled. Calls waiting for a down
     * endpoint cannot be told apart by run, so they are abandoned only once every run open here is
     * stopping; until then a stopped run's waits only keep probing for runs that still need them.
     */
    void stopping(ActiveRun run) {
        if (everyRunStopping()) {
            models.abandonOutageWaits();
        }
    }

    private void outage(OutageEvent event) {
        for (ActiveRun run : active) {
            if (run.uses(event.modelName())) {
                run.outage(event);
            }
        }
    }

    /** The response cache failed and is off from now on: one warning in every open run. */
    private void cacheOff(String line) {
        for (ActiveRun run : active) {
            run.event(RunEvent.Level.WARN, "cache.off", line, Map.of());
        }
    }

    /**
     * What a model's batch jobs are doing becomes a run event of the runs using it: kept in the
     * store, or (a job's progress at each poll) only shown.
     */
    private void batchEvent(String modelName, String type, String message, Map<String, Object> data, boolean keep) {
        for (ActiveRun run : active) {
            if (run.uses(modelName)) {
                if (keep) {
                    run.event(RunEvent.Level.INFO, type, message, data);
                } else {
                    run.show(RunEvent.Level.INFO, type, message, data);
                }
            }
        }
    }

    /** A server's warning about a model (a sampling field it ignores) becomes a run event of the runs using it. */
    private void serverWarning(String modelName, String line) {
        for (ActiveRun run : active) {
            if (run.uses(modelName)) {
                run.event(RunEvent.Level.WARN, "model.sampling_ignored", "models." + modelName + ": " + line,
                        Map.of("model", modelName));
            }
        }
    }

    /** True when every open run is stopping (and there is at least one): nobody needs a wait to go on. */
    private boolean everyRunStopping() {
        boolean any = false;
        for (ActiveRun run : active) {
            if (!run.stopRequested()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** Retried attempts over every model this workspace has built. */
    long retriedErrors() {
        return models.retriedErrors();
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
            throw new RunFolderException(dir.resolve("config.json"), e, "the run is recorded failed");
        }
    }

    @Override
    public void close() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        RuntimeException first = null;
        try {
            models.close();
        } catch (RuntimeException e) {
            first = e;
        }
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
        private Duration leaseHeartbeat = RunLease.HEARTBEAT;
        private Duration leaseStaleAfter = RunLease.STALE_AFTER;
        private BatchPhases batchPhases = BatchPhases.all();

        private Builder(LoadedConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * The phases whose calls a model in batch mode ({@code models.NAME.batch.enabled}) sends
         * through batch jobs; calls of other phases go live. Default: every phase. The loop enters
         * its phases on the same object.
         */
        public Builder batchPhases(BatchPhases value) {
            batchPhases = Objects.requireNonNull(value, "batchPhases");
            return this;
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

        /** How often runs renew their lease, and after how long without renewal it is stale (tests shorten both). */
        public Builder leaseTiming(Duration heartbeat, Duration staleAfter) {
            if (heartbeat.isZero() || heartbeat.isNegative() || staleAfter.compareTo(heartbeat) <= 0) {
                throw new IllegalArgumentException("lease heartbeat must be positive and shorter than its stale time");
            }
            leaseHeartbeat = heartbeat;
            leaseStaleAfter = staleAfter;
            return this;
        }

        public Workspace build() {
            return new Workspace(this);
        }
    }
}
