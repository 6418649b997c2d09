package io.llmopt.core.cache;

import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.TokenUsage;
import java.util.Objects;

/**
 * One cached sample: its text, why it ended, and its share of the tokens of the call that made it
 * (a call's prompt is billed once for all n samples, so each sample carries 1/n of it).
 */
public record CachedCompletion(String text, FinishReason finishReason, long promptTokens, long completionTokens) {

    public CachedCompletion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
    }

    public Completion completion() {
        return new Completion(text, finishReason);
    }

    public TokenUsage usage() {
        return new TokenUsage(promptTokens, completionTokens);
    }
}
