package io.llmopt.core.accounting;

import java.util.Locale;

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

    /** Why {@code spent} exhausts this budget, or null while there is room left. */
    public String exhaustedBy(Usage spent) {
        if (maxTokens != null && spent.totalTokens() >= maxTokens) {
            return String.format(Locale.ROOT, "token budget reached: %,d tokens spent of a %,d-token cap (%,d prompt + %,d completion)",
                    spent.totalTokens(), maxTokens, spent.promptTokens(), spent.completionTokens());
        }
        if (maxCost != null && spent.cost() >= maxCost) {
            return String.format(Locale.ROOT, "cost budget reached: $%.4f spent of a $%.2f cap", spent.cost(), maxCost);
        }
        return null;
    }
}
