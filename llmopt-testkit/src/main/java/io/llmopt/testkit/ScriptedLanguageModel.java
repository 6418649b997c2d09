package io.llmopt.testkit;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.core.llm.TokenUsage;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * An in-memory model scripted by a function from the request to its n completion texts, for tests
 * that need no HTTP (use {@link SimModels} when the HTTP path matters). A script returning null
 * fails the call like a server error. Records every request and the most calls in flight at once.
 */
public final class ScriptedLanguageModel implements LanguageModel {

    private static final ModelInfo INFO = new ModelInfo("fake", "scripted", "memory://scripted");

    private final Function<ChatRequest, List<String>> script;
    private final Executor executor;
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private ScriptedLanguageModel(Function<ChatRequest, List<String>> script, Executor executor) {
        this.script = script;
        this.executor = executor;
    }

    /** Answers on the caller's thread with the texts the script gives for the whole request. */
    public static ScriptedLanguageModel replying(Function<ChatRequest, List<String>> script) {
        return new ScriptedLanguageModel(script, Runnable::run);
    }

    /** Answers each of the request's n samples with what the script gives for (request, sample index). */
    public static ScriptedLanguageModel perSample(BiFunction<ChatRequest, Integer, String> script) {
        return replying(r -> IntStream.range(0, r.n()).mapToObj(i -> script.apply(r, i)).toList());
    }

    /** Answers every sample of every request with the same text. */
    public static ScriptedLanguageModel constant(String text) {
        return replying(r -> Collections.nCopies(r.n(), text));
    }

    /** Answers on the given executor, so calls overlap. */
    public static ScriptedLanguageModel async(Function<ChatRequest, List<String>> script, Executor executor) {
        return new ScriptedLanguageModel(script, executor);
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
                    future.completeExceptionally(new LlmException(LlmException.Kind.SERVER_ERROR, INFO,
                            "scripted failure", null, null));
                    return;
                }
                future.complete(new ChatResponse(texts.stream().map(t -> new Completion(t, FinishReason.STOP)).toList(),
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

    /** Every request so far, in arrival order. */
    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }
}
