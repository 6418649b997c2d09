package io.llmopt.core.accounting;

/**
 * Usage totals of one role, or of the whole run.
 *
 * @param calls            logical calls finished, failed ones included
 * @param cacheHits        calls the response cache answered entirely
 * @param errors           calls that failed
 * @param promptTokens     prompt tokens billed (cache hits excluded)
 * @param completionTokens completion tokens billed (cache hits excluded)
 * @param cost             money spent, USD
 */
public record Usage(long calls, long cacheHits, long errors, long promptTokens, long completionTokens, double cost) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0);

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
