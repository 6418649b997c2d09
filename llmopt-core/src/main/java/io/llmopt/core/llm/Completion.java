package io.llmopt.core.llm;

import java.util.List;
import java.util.Objects;

/**
 * One generated completion.
 *
 * @param text         the generated text
 * @param finishReason why generation ended
 * @param logprobs     each generated token's log-probability, when the request asked for them
 *                     ({@link Sampling#logprobs()}) and the server sent them; empty otherwise
 */
public record Completion(String text, FinishReason finishReason, List<TokenLogprob> logprobs) {

    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    }

    /** A completion without log-probabilities. */
    public Completion(String text, FinishReason finishReason) {
        this(text, finishReason, List.of());
    }

    /** True when the completion was cut by the max-tokens cap. */
    public boolean truncated() {
        return finishReason == FinishReason.LENGTH;
    }

    /** True when the server reported log-probabilities for this completion. */
    public boolean hasLogprobs() {
        return !logprobs.isEmpty();
    }
}
