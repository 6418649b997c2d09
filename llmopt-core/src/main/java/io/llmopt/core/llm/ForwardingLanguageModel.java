package io.llmopt.core.llm;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Base of every decorator: forwards to the wrapped model. A decorator overrides {@link #chat}
 * and adds exactly one concern.
 */
public abstract class ForwardingLanguageModel implements LanguageModel {

    protected final LanguageModel delegate;

    protected ForwardingLanguageModel(LanguageModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        return delegate.chat(request);
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    @Override
    public void close() {
        delegate.close();
    }

    public LanguageModel delegate() {
        return delegate;
    }
}
