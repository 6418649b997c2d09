package io.llmopt.core.llm;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Chat messages in, {@code n} completions with token usage out.
 *
 * <p>Backends (HTTP, the local engine) and decorators (retry, limits, cache, accounting, pool)
 * all implement this interface, so a concern is added by wrapping, never by editing another
 * layer. Implementations are thread-safe; {@link #chat} never blocks the caller. Failures complete
 * the future exceptionally with an {@link LlmException}.
 */
public interface LanguageModel extends AutoCloseable {

    /** Starts the call; the future completes with exactly {@code request.n()} completions. */
    CompletableFuture<ChatResponse> chat(ChatRequest request);

    /** Which model this is, for cache keys, accounting and messages. */
    ModelInfo info();

    /** Blocking convenience: waits for {@link #chat} and rethrows its {@link LlmException}. */
    default ChatResponse call(ChatRequest request) {
        try {
            return chat(request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Kind.CANCELLED, info(), "interrupted while waiting for the model", null, e);
        } catch (ExecutionException | CompletionException e) {
            throw LlmException.unwrap(e, info());
        } catch (CancellationException e) {
            throw new LlmException(LlmException.Kind.CANCELLED, info(), "call cancelled", null, e);
        }
    }

    /** Blocking convenience for one user message; returns the first completion's text. */
    default String complete(String userPrompt) {
        return call(ChatRequest.ofUser(userPrompt)).text();
    }

    /** Releases connections, threads or files; the default holds none. */
    @Override
    default void close() {
    }
}
