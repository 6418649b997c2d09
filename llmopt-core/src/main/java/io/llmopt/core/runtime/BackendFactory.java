package io.llmopt.core.runtime;

import io.llmopt.core.config.ModelConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.http.ApiKey;
import io.llmopt.core.llm.LanguageModel;
import java.util.List;
import java.util.Optional;

/**
 * Makes the innermost {@link LanguageModel}s (the backends) for one configured model: one per
 * endpoint serving it. Several are pooled by the layers above ({@link io.llmopt.core.stack.SharedLayers}),
 * the one place that composes layers. The HTTP providers have a built-in factory; the simulated
 * server and the embedded engine register theirs, because core must not depend on the modules that
 * implement them.
 */
@FunctionalInterface
public interface BackendFactory {

    /**
     * @param modelName the model's name in the configuration (e.g. "gpt"), for messages
     * @param config    its configuration (time-outs, extra endpoints, ...)
     * @param spec      the parsed spec (provider, base URL, model)
     * @param apiKey    the resolved key, if one is configured
     * @return at least one backend, the first for the spec's own endpoint
     */
    List<LanguageModel> create(String modelName, ModelConfig config, ModelSpec spec, Optional<ApiKey> apiKey);
}
