package io.llmopt.core.runtime;

import io.llmopt.core.config.ModelConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.http.ApiKey;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.LanguageModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The backends of every HTTP provider: one OpenAI-compatible client for the spec's endpoint and one
 * for each extra endpoint the configuration lists ({@code endpoints:}); the layers pool them.
 */
public final class HttpBackends implements BackendFactory {

    /** The file, next to the response cache, where capability probe results are kept across runs. */
    public static final String CAPABILITY_FILE = "capabilities.json";

    private final Consumer<String> warnings;
    private final Path capabilityFile;

    /** Warnings about the servers go to the {@link System.Logger}. */
    public HttpBackends() {
        this(null);
    }

    /** @param warnings where a server's one-line warnings go (a sampling field it ignores), or null for the logger */
    public HttpBackends(Consumer<String> warnings) {
        this(warnings, null);
    }

    /**
     * @param warnings       where a server's one-line warnings go, or null for the logger
     * @param capabilityFile where capability probe results are kept across processes, or null for none
     */
    public HttpBackends(Consumer<String> warnings, Path capabilityFile) {
        this.warnings = warnings;
        this.capabilityFile = capabilityFile;
    }

    @Override
    public List<LanguageModel> create(String modelName, ModelConfig config, ModelSpec spec, Optional<ApiKey> apiKey) {
        List<String> urls = new ArrayList<>();
        urls.add(spec.baseUrl());
        urls.addAll(config.endpoints());
        List<LanguageModel> members = new ArrayList<>();
        for (String url : urls) {
            members.add(client(url, config, spec, apiKey));
        }
        return List.copyOf(members);
    }

    private LanguageModel client(String url, ModelConfig config, ModelSpec spec, Optional<ApiKey> apiKey) {
        OpenAiCompatibleModel.Builder b = OpenAiCompatibleModel.builder(url, spec.model())
                .provider(spec.provider().prefix())
                .api(spec.api());
        apiKey.ifPresent(b::apiKey);
        // a dry run never gets here (its backends are the simulator's), so it never probes
        b.probe(config.probes()).capabilityFile(capabilityFile);
        if (warnings != null) {
            b.warnings(warnings);
        }
        if (config.timeoutSeconds() != null) {
            b.requestTimeout(Duration.ofSeconds(config.timeoutSeconds()));
        }
        return b.build();
    }
}
