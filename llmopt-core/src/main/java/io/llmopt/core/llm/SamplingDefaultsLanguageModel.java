package io.llmopt.core.llm;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Fills the sampling fields a request leaves unset with a model's configured ones
 * ({@code models.NAME.sampling}), above the cache, so the fields sent are the fields in the key.
 * A field the request sets itself wins: a method that needs a value (BPO's banned words) keeps it.
 */
public final class SamplingDefaultsLanguageModel extends ForwardingLanguageModel {

    private final Sampling defaults;

    public SamplingDefaultsLanguageModel(LanguageModel delegate, Sampling defaults) {
        super(delegate);
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    public Sampling defaults() {
        return defaults;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        return delegate.chat(request.withSampling(request.sampling().orElse(defaults)));
    }
}
