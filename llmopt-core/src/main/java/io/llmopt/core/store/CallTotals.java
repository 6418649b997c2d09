package io.llmopt.core.store;

/**
 * Sums over a run's call log: what a resumed run has already spent against its budget.
 *
 * @param cost           money spent, unsettled calls included at their estimate
 * @param unsettled      calls recorded as sent whose reply was never recorded (lost in a kill)
 * @param unsettledCost  of {@code cost}, the estimate for those calls
 * @param requests       HTTP requests the calls sent (retries included; a call logged before
 *                       requests were counted counts as one unless it was a cache hit)
 */
public record CallTotals(long calls, long cacheHits, long errors, long promptTokens, long completionTokens, double cost,
                         long unsettled, double unsettledCost, long requests) {

    /** Totals without unsettled calls. */
    public CallTotals(long calls, long cacheHits, long errors, long promptTokens, long completionTokens, double cost) {
        this(calls, cacheHits, errors, promptTokens, completionTokens, cost, 0, 0, calls - cacheHits);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** True when part of the cost is an estimate for calls whose reply was lost. */
    public boolean hasEstimate() {
        return unsettled > 0;
    }
}
