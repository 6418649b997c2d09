package io.llmopt.core.llm;

import java.util.Objects;

/** One generated completion. */
public record Completion(String text, FinishReason finishReason) {

    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
    }

    /** True when the completion was cut by the max-tokens cap. */
    public boolean truncated() {
        return finishReason == FinishReason.LENGTH;
    }
}
