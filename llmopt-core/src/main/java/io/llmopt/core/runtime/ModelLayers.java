package io.llmopt.core.runtime;

import io.llmopt.core.batch.BatchChannel;
import io.llmopt.core.batch.BatchLimits;
import io.llmopt.core.batch.BatchPhases;
import io.llmopt.core.accounting.PriceTable;
import io.llmopt.core.batch.BatchListener;
import io.llmopt.core.batch.BatchSettings;
import io.llmopt.core.batch.BatchSubmitter;
import io.llmopt.core.batch.FileBatchExchange;
import io.llmopt.core.batch.FilesBatchJournal;
import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.ResponseCache;
import io.llmopt.core.config.ApiKeys;
import io.llmopt.core.config.BatchConfig;
import io.llmopt.core.config.ConfigException;
import io.llmopt.core.config.ConfigPaths;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.ModelConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.config.Provider;
import io.llmopt.core.http.ApiKey;
import io.llmopt.core.http.BatchWire;
import io.llmopt.core.http.OpenAiJobsClient;
import io.llmopt.core.limits.LimitPolicy;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.outage.OutageListener;
import io.llmopt.core.outage.OutagePolicy;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.stack.BatchMode;
import io.llmopt.core.stack.SharedLayers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The shared lower layers of every configured model ({@link SharedLayers}), built from the
 * configuration on first use and shared by every role and run that uses the model, so its
 * concurrency and rate limits hold across all of them. Only the settings come from the
 * configuration; the order of the layers is the stack's one list, as for a library user.
 */
final class ModelLayers implements AutoCloseable {

    private final LoadedConfig config;
    private final Map<String, String> environment;
    private final Map<Provider, BackendFactory> backends;
    private final BackendFactory allBackends;
    private final RetryPolicy retryPolicy;
    private final OutagePolicy outagePolicy;
    private final OutageListener outageListener;
    private final BooleanSupplier stopWaiting;
    private final ResponseCache cache;
    private final CacheMode cacheMode;
    private final BiConsumer<String, String> serverWarnings;
    private final BatchJobEvents.Sink batchEvents;
    private final Path batchJournal;
    private final PriceTable prices;
    private final BatchPhases batchPhases;
    private final Map<String, SharedLayers> shared = new ConcurrentHashMap<>();

    /**
     * @param allBackends    serves every model whatever its provider, with no API key (a dry run); or null
     * @param outageListener told when a model's endpoint goes down or comes back
     * @param stopWaiting    true fails the calls waiting for a down endpoint
     */
    ModelLayers(LoadedConfig config, Map<String, String> environment, Map<Provider, BackendFactory> backends,
            BackendFactory allBackends, RetryPolicy retryPolicy, OutagePolicy outagePolicy,
            OutageListener outageListener, BooleanSupplier stopWaiting, ResponseCache cache,
            BiConsumer<String, String> serverWarnings, BatchJobEvents.Sink batchEvents, Path batchJournal,
            PriceTable prices, BatchPhases batchPhases) {
        this.prices = prices;
        this.batchPhases = batchPhases;
        this.serverWarnings = serverWarnings;
        this.batchEvents = batchEvents;
        this.batchJournal = batchJournal;
        this.config = config;
        this.environment = Map.copyOf(environment);
        this.backends = Map.copyOf(backends);
        this.allBackends = allBackends;
        this.retryPolicy = retryPolicy;
        this.outagePolicy = outagePolicy;
        this.outageListener = outageListener;
        this.stopWaiting = stopWaiting;
        this.cache = cache;
        this.cacheMode = config.settings().cache().mode();
    }

    /** The layers of the configured model {@code modelName}, built on first use. */
    SharedLayers of(String modelName) {
        return shared.computeIfAbsent(modelName, this::build);
    }

    /** Fails every call waiting for a down endpoint of any model built here. */
    void abandonOutageWaits() {
        for (SharedLayers s : shared.values()) {
            s.outage().ifPresent(OutageTolerantLanguageModel::abandonWaits);
        }
    }

    /** Retried attempts over every model built here. */
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
            factory = spec.provider().isHttp() ? new HttpBackends(line -> serverWarnings.accept(modelName, line),
                    capabilityFile()) : null;
        }
        if (factory == null) {
            throw new ConfigException("models." + modelName + ": the " + spec.provider().prefix()
                    + ": provider is not available in this program" + (spec.provider() == Provider.LOCAL
                    ? " (the embedded engine is in llmopt-local: register it with Workspace.builder(config)"
                    + ".backend(Provider.LOCAL, new LocalBackends(progress)))" : ""));
        }
        Optional<ApiKey> key = allBackends != null ? Optional.empty()
                : ApiKeys.resolve(modelName, mc, spec, environment).map(ApiKey::of);
        List<LanguageModel> endpoints = factory.create(modelName, mc, spec, key);
        int concurrency = mc.maxConcurrency() != null ? mc.maxConcurrency()
                : spec.provider() == Provider.LOCAL ? Workspace.DEFAULT_LOCAL_CONCURRENCY : Workspace.DEFAULT_MAX_CONCURRENCY;
        OutagePolicy policy = mc.maxOutageSeconds() == null ? outagePolicy
                : outagePolicy.withMaxOutage(Duration.ofSeconds(mc.maxOutageSeconds()));
        // the order is the stack's own (io.llmopt.core.stack.Layer), as for a library user
        SharedLayers.Builder layers = SharedLayers.builder(modelName, endpoints);
        // a dry run answers every model from the simulator: it must not reach a provider's batch API
        if (mc.batch() != null && mc.batch().isEnabled() && allBackends == null) {
            layers.batch(batchMode(modelName, spec, mc, key.orElse(null)));
        }
        return layers
                .limits(LimitPolicy.of(concurrency,
                        mc.requestsPerMinute() != null ? mc.requestsPerMinute() : 0,
                        mc.tokensPerMinute() != null ? mc.tokensPerMinute() : 0))
                .retry(retryPolicy)
                .outage(policy)
                .outageListener(outageListener)
                .stopWaiting(stopWaiting)
                .cache(cache, cacheMode)
                .sampling(mc.sampling())
                .build();
    }

    /** Probe results are kept next to the response cache; with the cache off, only for the process. */
    private Path capabilityFile() {
        return cacheMode == CacheMode.OFF ? null
                : config.settings().cache().resolvedPath().toAbsolutePath().resolveSibling(HttpBackends.CAPABILITY_FILE);
    }

    /** What a model in batch mode runs its batches through: the provider's batch API, or cluster files. */
    private BatchMode batchMode(String modelName, ModelSpec spec, ModelConfig mc, ApiKey key) {
        BatchConfig b = mc.batch();
        BatchLimits limits = new BatchLimits(b.maxRequests() != null ? b.maxRequests() : BatchLimits.OPENAI.maxRequests(),
                b.maxBytes() != null ? b.maxBytes() : BatchLimits.OPENAI.maxBytes());
        Duration poll = Duration.ofMillis(Math.round(1000 * (b.pollSeconds() != null ? b.pollSeconds() : 30.0)));
        BatchSettings settings = BatchSettings.defaults().withLimits(limits).withPollInterval(poll)
                .withQuiet(Duration.ofMillis(b.quietMs() != null ? b.quietMs() : 500))
                .withRetrySync(!"fail".equals(b.retry()));
        BatchChannel channel;
        if (b.filesDir() != null) {
            Path dir = ConfigPaths.expand(b.filesDir());
            channel = new FileBatchExchange(dir, poll, () -> batchEvents.emit(modelName, "batch.waiting", "models." + modelName
                    + ": waiting for batch output files in " + dir + " (e.g. vllm run-batch -i IN -o OUT)",
                    Map.of("model", modelName, "dir", dir.toString()), true));
        } else {
            if (spec.baseUrl() == null) {
                throw new ConfigException("models." + modelName + ".batch: batch mode needs an OpenAI-compatible endpoint;"
                        + " for another engine use models." + modelName + ".batch.files_dir");
            }
            BatchListener listener = new BatchJobEvents(modelName, spec.model(), prices, batchEvents);
            channel = BatchChannel.provider(new BatchSubmitter(new OpenAiJobsClient(spec.baseUrl(), key, Duration.ofMinutes(2)),
                    new FilesBatchJournal(batchJournal), limits, poll, listener));
        }
        return new BatchMode(channel, new BatchWire(spec.model(), mc.api() != null ? mc.api() : spec.api()), settings, "model-" + modelName,
                batchPhases);
    }

    /** Closes every model's layers (their backends), not the response cache, which the workspace owns. */
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
        if (first != null) {
            throw first;
        }
    }
}
