package io.llmopt.opro.numeric;

/**
 * Mean and population standard deviation (numpy's default {@code ddof=0}, as the paper's tables
 * use) of a sample.
 *
 * @param mean the mean, NaN for an empty sample
 * @param std  the population standard deviation, NaN for an empty sample
 * @param n    the sample size
 */
public record MeanStd(double mean, double std, int n) {

    public static MeanStd of(double... values) {
        if (values.length == 0) {
            return new MeanStd(Double.NaN, Double.NaN, 0);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new MeanStd(mean, Math.sqrt(squares / values.length), values.length);
    }

    /** "5.8 ± 2.6", or "-" for an empty sample. */
    public String format() {
        return n == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f ± %.1f", mean, std);
    }
}
