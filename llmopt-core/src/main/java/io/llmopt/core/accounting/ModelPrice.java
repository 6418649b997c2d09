package io.llmopt.core.accounting;

import io.llmopt.core.llm.TokenUsage;

/**
 * What one model costs, in USD per million tokens.
 *
 * @param promptPerMillion     price of a million prompt (input) tokens
 * @param completionPerMillion price of a million completion (output) tokens
 */
public record ModelPrice(double promptPerMillion, double completionPerMillion) {

    public static final ModelPrice FREE = new ModelPrice(0, 0);

    public ModelPrice {
        if (!(promptPerMillion >= 0) || !(completionPerMillion >= 0)) {
            throw new IllegalArgumentException("prices must be non-negative numbers");
        }
    }

    public double cost(TokenUsage usage) {
        return (usage.promptTokens() * promptPerMillion + usage.completionTokens() * completionPerMillion) / 1e6;
    }
}
