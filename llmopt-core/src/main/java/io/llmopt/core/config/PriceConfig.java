package io.llmopt.core.config;

/** Price of a model's tokens, per million, in the currency budgets are written in. */
public record PriceConfig(double promptPerMillion, double completionPerMillion) {

    /** The cost of a call with these token counts. */
    public double cost(long promptTokens, long completionTokens) {
        return (promptTokens * promptPerMillion + completionTokens * completionPerMillion) / 1_000_000.0;
    }
}
