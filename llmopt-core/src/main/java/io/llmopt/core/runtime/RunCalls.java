package io.llmopt.core.runtime;

import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelInfo;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls one run has in flight, across all its roles, so that a stop ends them at once: each is
 * failed with {@link LlmException.Kind#CANCELLED} (whatever it was doing below: waiting for an
 * answer that never comes, backing off before a retry, waiting out an outage) and the future below
 * is cancelled, and every later call of the run fails the same way, cache hits included, so a loop
 * between rounds or steps cannot go on. Other runs sharing the same model layers are not touched.
 */
final class RunCalls {

    private final String runId;
    /** This run's calls in flight: the future its caller holds, and the one of the layer below. */
    private final Map<CompletableFuture<ChatResponse>, Below> inFlight = new ConcurrentHashMap<>();
    private volatile boolean cancelled;

    RunCalls(String runId) {
        this.runId = runId;
    }

    /** {@code model} with this run's calls tracked, to be cancelled together. */
    LanguageModel track(LanguageModel model) {
        return new ForwardingLanguageModel(model) {
            @Override
            public CompletableFuture<ChatResponse> chat(ChatRequest request) {
                if (cancelled) {
                    return CompletableFuture.failedFuture(stopped(info()));
                }
                CompletableFuture<ChatResponse> mine = new CompletableFuture<>();
                CompletableFuture<ChatResponse> below = Futures.call(() -> delegate.chat(request));
                Below entry = new Below(below, info());
                inFlight.put(mine, entry);
                below.whenComplete((response, failure) -> {
                    inFlight.remove(mine);
                    Futures.complete(mine, response, failure);
                });
                if (cancelled) { // a stop between the check above and the put
                    cancel(mine, entry);
                }
                return mine;
            }
        };
    }

    /** Fails every call in flight and every later one. */
    void cancelAll() {
        cancelled = true;
        inFlight.forEach(this::cancel);
    }

    boolean cancelled() {
        return cancelled;
    }

    private void cancel(CompletableFuture<ChatResponse> mine, Below below) {
        inFlight.remove(mine);
        mine.completeExceptionally(stopped(below.info()));
        below.future().cancel(true);
    }

    private LlmException stopped(ModelInfo info) {
        return new LlmException(LlmException.Kind.CANCELLED, info, "run " + runId + " was asked to stop", null, null);
    }

    private record Below(CompletableFuture<ChatResponse> future, ModelInfo info) {
    }
}
