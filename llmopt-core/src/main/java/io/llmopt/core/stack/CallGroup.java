package io.llmopt.core.stack;

import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelInfo;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Calls that end together: the calls of one run, across all its roles (hand one group to each
 * role's {@link ModelStack.Builder#callGroup}). {@link #cancelAll} fails each call in flight with
 * {@link LlmException.Kind#CANCELLED} at once, whatever it was doing below (waiting for an answer
 * that never comes, backing off before a retry, waiting out an outage), and cancels the future
 * below; every later call fails the same way without a request, cache hits included, so a loop
 * between rounds or steps cannot go on. Calls of other groups sharing the same model layers are not
 * touched.
 */
public final class CallGroup {

    private final String name;
    /** The calls in flight: the future the caller holds, and the one of the layer below. */
    private final Map<CompletableFuture<ChatResponse>, Below> inFlight = new ConcurrentHashMap<>();
    private volatile boolean cancelled;

    /** @param name what the group is, for the cancelled calls' message ("run 20261204-...") */
    public CallGroup(String name) {
        this.name = name;
    }

    /** Starts a call of the group through {@code start}, or fails it at once when the group is cancelled. */
    CompletableFuture<ChatResponse> track(ModelInfo info, Supplier<CompletableFuture<ChatResponse>> start) {
        if (cancelled) {
            return CompletableFuture.failedFuture(cancelledCall(info));
        }
        CompletableFuture<ChatResponse> mine = new CompletableFuture<>();
        CompletableFuture<ChatResponse> below = Futures.call(start);
        Below entry = new Below(below, info);
        inFlight.put(mine, entry);
        below.whenComplete((response, failure) -> {
            inFlight.remove(mine);
            Futures.complete(mine, response, failure);
        });
        if (cancelled) { // cancelled between the check above and the put
            cancel(mine, entry);
        }
        return mine;
    }

    /** Fails every call in flight and every later one. */
    public void cancelAll() {
        cancelled = true;
        inFlight.forEach(this::cancel);
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Calls in flight now. */
    public int inFlight() {
        return inFlight.size();
    }

    private void cancel(CompletableFuture<ChatResponse> mine, Below below) {
        inFlight.remove(mine);
        mine.completeExceptionally(cancelledCall(below.info()));
        below.future().cancel(true);
    }

    private LlmException cancelledCall(ModelInfo info) {
        return new LlmException(LlmException.Kind.CANCELLED, info, name + " was asked to stop", null, null);
    }

    private record Below(CompletableFuture<ChatResponse> future, ModelInfo info) {
    }
}
