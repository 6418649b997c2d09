package io.llmopt.core.config;

/** Limits a run may not exceed; null means no limit. */
public record BudgetConfig(Long maxTokens, Double maxCost) {
}
