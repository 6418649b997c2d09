package io.llmopt.core.stats;

/**
 * One outcome's share of a multinomial count, with its (marginal) Wilson interval.
 *
 * @param category the outcome's name
 * @param count    how many times it occurred
 * @param total    how many observations in all
 * @param rate     count / total, or 0 when there are none
 * @param interval the Wilson score interval for the rate
 */
public record CategoryRate(String category, long count, long total, double rate, ConfidenceInterval interval) {

    public static CategoryRate of(String category, long count, long total, double confidence) {
        double rate = total == 0 ? 0 : (double) count / total;
        return new CategoryRate(category, count, total, rate, WilsonInterval.of(count, total, confidence));
    }
}
