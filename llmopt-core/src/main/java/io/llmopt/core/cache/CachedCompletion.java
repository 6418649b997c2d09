package io.llmopt.core.cache;

import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.TokenLogprob;
import io.llmopt.core.llm.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * One cached sample: its text, why it ended, its token log-probabilities when the request asked for
 * them, and its share of the tokens of the call that made it (a call's prompt is billed once for all
 * n samples, so each sample carries 1/n of it).
 */
public record CachedCompletion(String text, FinishReason finishReason, long promptTokens, long completionTokens,
                               List<TokenLogprob> logprobs) {

    public CachedCompletion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    }

    /** A sample without log-probabilities. */
    public CachedCompletion(String text, FinishReason finishReason, long promptTokens, long completionTokens) {
        this(text, finishReason, promptTokens, completionTokens, List.of());
    }

    public Completion completion() {
        return new Completion(text, finishReason, logprobs);
    }

    public TokenUsage usage() {
        return new TokenUsage(promptTokens, completionTokens);
    }
}
