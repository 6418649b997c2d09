package io.llmopt.core.llm;

import java.util.Objects;

/**
 * What a {@link LanguageModel} is: the model name and where it is served.
 *
 * @param provider a short provider label ("openai", "vllm", "ollama", "local", "sim", ...)
 * @param model    the model name sent to the server; part of every cache key
 * @param endpoint the base URL (for a pool, a description of its members); never holds a key
 */
public record ModelInfo(String provider, String model, String endpoint) {

    public ModelInfo {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** "provider:model", the name users write in a configuration. */
    public String displayName() {
        return provider + ":" + model;
    }
}
