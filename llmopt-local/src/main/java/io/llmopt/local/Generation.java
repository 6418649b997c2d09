package io.llmopt.local;

import io.llmopt.core.llm.FinishReason;

import java.util.Objects;

/**
 * One completion produced by the engine.
 *
 * @param text             the generated text, without any stop string
 * @param promptTokens     tokens in the rendered prompt
 * @param completionTokens tokens generated (see {@link LlamaEngine} for how they are counted)
 * @param finishReason     STOP for an end-of-turn token or a stop string, LENGTH for the max-tokens cap
 */
public record Generation(String text, int promptTokens, int completionTokens, FinishReason finishReason) {

    public Generation {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
