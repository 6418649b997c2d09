package io.llmopt.core.llm;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link ChatRequest}: exactly {@code n} completions and the tokens they used.
 *
 * @param completions the completions, in sample order
 * @param usage       tokens billed for producing them (what a cache hit would have cost)
 * @param model       the model name the server reported (or the configured one)
 * @param cacheHit    true when no network call was made because the response cache answered
 * @param batched     true when a provider batch job answered (priced at the batch price)
 * @param timing      time waiting for a slot and at the server, stamped by the limiter
 */
public record ChatResponse(List<Completion> completions, TokenUsage usage, String model, boolean cacheHit, boolean batched,
                           CallTiming timing) {

    public ChatResponse {
        completions = List.copyOf(completions);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(model, "model");
        timing = timing == null ? CallTiming.UNKNOWN : timing;
    }

    /** A response whose timing no layer has stamped yet. */
    public ChatResponse(List<Completion> completions, TokenUsage usage, String model, boolean cacheHit, boolean batched) {
        this(completions, usage, model, cacheHit, batched, CallTiming.UNKNOWN);
    }

    /** A response of a live call (not answered by a provider batch job), timing not stamped yet. */
    public ChatResponse(List<Completion> completions, TokenUsage usage, String model, boolean cacheHit) {
        this(completions, usage, model, cacheHit, false);
    }

    /** The same response with {@code value} as its timing. */
    public ChatResponse withTiming(CallTiming value) {
        return new ChatResponse(completions, usage, model, cacheHit, batched, value);
    }

    /** The text of the first completion: the usual case of n = 1. */
    public String text() {
        if (completions.isEmpty()) {
            throw new IllegalStateException("response has no completions");
        }
        return completions.get(0).text();
    }

    public List<String> texts() {
        return completions.stream().map(Completion::text).toList();
    }

    public ChatResponse asCacheHit() {
        return new ChatResponse(completions, usage, model, true, batched, CallTiming.UNKNOWN);
    }

    /** The same response, answered by a provider batch job (and so priced at the batch price). */
    public ChatResponse asBatched() {
        return new ChatResponse(completions, usage, model, cacheHit, true, timing);
    }
}
