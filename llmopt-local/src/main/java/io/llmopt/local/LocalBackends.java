package io.llmopt.local;

import io.llmopt.core.config.ModelConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.http.ApiKey;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.runtime.BackendFactory;
import io.llmopt.core.runtime.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The backend of {@code local:} models: resolves the GGUF file (a path, or a catalogue name that
 * is downloaded on first use), starts the engine as a supervised child server on loopback, and
 * talks to it over the same HTTP backend as any endpoint. Closing the model stops the child.
 */
public final class LocalBackends implements BackendFactory {

    private final ModelDownloadProgress progress;

    public LocalBackends(ModelDownloadProgress progress) {
        this.progress = progress;
    }

    @Override
    public List<LanguageModel> create(String modelName, ModelConfig config, ModelSpec spec, Optional<ApiKey> apiKey) {
        Path gguf = LocalModelResolver.standard(progress).resolve(spec.model());
        // one engine slot per request the limiter lets through, so none waits inside the engine
        int slots = config.maxConcurrency() != null ? config.maxConcurrency() : Workspace.DEFAULT_LOCAL_CONCURRENCY;
        return List.of(LocalModelSupervisor.start(SupervisorOptions.builder(gguf, spec.model()).parallel(slots).build())
                .languageModel());
    }
}
