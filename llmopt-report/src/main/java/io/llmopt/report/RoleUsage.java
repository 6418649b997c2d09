package io.llmopt.report;

/**
 * What one role (optimizer, scorer, judge, ...) used in a run, summed over the call log.
 *
 * @param role             the role name
 * @param models           the models it called, comma-separated
 * @param calls            logical calls
 * @param cacheHits        calls answered by the response cache
 * @param errors           calls that failed
 * @param promptTokens     prompt tokens billed
 * @param completionTokens completion tokens billed
 * @param cost             money spent
 * @param meanLatencyMillis mean wall time of the calls that reached a model (cache hits excluded)
 * @param meanServerMillis  of that, the mean time at the server (calls logged before the split count whole)
 * @param meanSlotWaitMillis of that, the mean time queued for a slot, or null when no call measured it
 */
public record RoleUsage(String role, String models, long calls, long cacheHits, long errors, long promptTokens,
                        long completionTokens, double cost, double meanLatencyMillis, double meanServerMillis,
                        Double meanSlotWaitMillis) {
}
