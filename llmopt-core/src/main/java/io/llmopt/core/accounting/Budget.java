package io.llmopt.core.accounting;

/**
 * A spending cap for a run: tokens, money, both or neither. A null cap is no cap.
 *
 * @param maxTokens billed tokens (prompt + completion) allowed, or null
 * @param maxCost   USD allowed, or null
 */
public record Budget(Long maxTokens, Double maxCost) {

    public Budget {
        if (maxTokens != null && maxTokens < 0) {
            throw new IllegalArgumentException("a token budget cannot be negative");
        }
        if (maxCost != null && !(maxCost >= 0)) {
            throw new IllegalArgumentException("a cost budget must be a non-negative number");
        }
    }

    public static Budget unlimited() {
        return new Budget(null, null);
    }

    public static Budget tokens(long maxTokens) {
        return new Budget(maxTokens, null);
    }

    public static Budget cost(double maxCost) {
        return new Budget(null, maxCost);
    }

    public boolean limitsAnything() {
        return maxTokens != null || maxCost != null;
    }
}
