package io.llmopt.core.llm;

import java.util.Objects;

/**
 * What a {@link LanguageModel} is: the model name and where it is served.
 *
 * @param provider a short provider label ("openai", "vllm", "ollama", "local", "sim", ...)
 * @param model    the model name sent to the server; part of every cache key
 * @param endpoint the base URL (for a pool, a description of its members); never holds a key
 * @param api      the API the model speaks (chat or completions); part of every cache key
 */
public record ModelInfo(String provider, String model, String endpoint, ModelApi api) {

    public ModelInfo {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(api, "api");
    }

    /** A model speaking the chat API. */
    public ModelInfo(String provider, String model, String endpoint) {
        this(provider, model, endpoint, ModelApi.CHAT);
    }

    /** "provider:model", the name users write in a configuration. */
    public String displayName() {
        return provider + ":" + model;
    }
}
