package io.llmopt.core.accounting;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.SendObserver;
import java.util.concurrent.CompletableFuture;

/**
 * The layer just above the backends: whatever reaches it is sent, so it tells the request's
 * {@link SendObserver} first and sends once the observer is done (the accounting layer has then
 * recorded the call as {@code sent} in the run store). Retries and pool members pass through it
 * once per request; cache hits and calls a batch job answers never reach it.
 *
 * <p>If the observer fails (the store cannot be written), the request is sent anyway: the store's
 * failure stops the run through its own writes, and a call that was asked for should not fail for it.
 */
public final class SendingLanguageModel extends ForwardingLanguageModel {

    public SendingLanguageModel(LanguageModel delegate) {
        super(delegate);
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        SendObserver observer = request.observer();
        if (observer == null) {
            return delegate.chat(request);
        }
        CompletableFuture<Void> recorded;
        try {
            recorded = observer.sending();
        } catch (RuntimeException e) {
            recorded = CompletableFuture.failedFuture(e);
        }
        if (recorded.isDone()) {
            return delegate.chat(request);
        }
        // off the store's writer thread, which completed the future: it must not encode and send requests
        return recorded.handle((ok, failure) -> null).thenComposeAsync(ignored -> delegate.chat(request));
    }
}
