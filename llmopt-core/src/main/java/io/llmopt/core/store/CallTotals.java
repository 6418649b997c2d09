package io.llmopt.core.store;

/** Sums over a run's call log: what a resumed run has already spent against its budget. */
public record CallTotals(long calls, long cacheHits, long errors, long promptTokens, long completionTokens, double cost) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
