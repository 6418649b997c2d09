package io.llmopt.bpo.support;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.core.llm.TokenUsage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory LanguageModel scripted by a function from request to the n completion texts.
 * Returning null makes the call fail like a server error. Records every request and the highest
 * number of calls in flight at once.
 */
public final class FakeModel implements LanguageModel {

    private static final ModelInfo INFO = new ModelInfo("fake", "fake-model", "memory://fake");

    private final Function<ChatRequest, List<String>> script;
    private final Executor executor;
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private FakeModel(Function<ChatRequest, List<String>> script, Executor executor) {
        this.script = script;
        this.executor = executor;
    }

    /** Answers synchronously, on the caller's thread. */
    public static FakeModel replying(Function<ChatRequest, List<String>> script) {
        return new FakeModel(script, Runnable::run);
    }

    /** Answers every request with the same single text, repeated n times. */
    public static FakeModel constant(String text) {
        return replying(r -> java.util.Collections.nCopies(r.n(), text));
    }

    /** Answers on the given executor, so calls overlap. */
    public static FakeModel async(Function<ChatRequest, List<String>> script, Executor executor) {
        return new FakeModel(script, executor);
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        requests.add(request);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        CompletableFuture<ChatResponse> future = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                List<String> texts = script.apply(request);
                inFlight.decrementAndGet();
                if (texts == null) {
                    future.completeExceptionally(new LlmException(LlmException.Kind.SERVER_ERROR, INFO, "scripted failure", null, null));
                    return;
                }
                future.complete(new ChatResponse(
                        texts.stream().map(t -> new Completion(t, FinishReason.STOP)).toList(),
                        TokenUsage.ZERO, INFO.model(), false));
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    @Override
    public ModelInfo info() {
        return INFO;
    }

    public List<ChatRequest> requests() {
        return requests;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }
}
