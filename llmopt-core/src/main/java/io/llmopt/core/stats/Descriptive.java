package io.llmopt.core.stats;

import java.util.Collection;
import java.util.Objects;

/**
 * Mean and spread of a sample, computed with Welford's update so long runs of nearly equal scores
 * do not lose precision.
 *
 * @param count             number of values
 * @param mean              arithmetic mean (NaN when empty)
 * @param sampleStd         standard deviation with the n - 1 denominator (NaN below two values)
 * @param populationStd     standard deviation with the n denominator (NaN when empty)
 */
public record Descriptive(long count, double mean, double sampleStd, double populationStd) {

    public static Descriptive of(double... values) {
        Objects.requireNonNull(values, "values");
        long n = 0;
        double mean = 0;
        double m2 = 0;
        for (double v : values) {
            n++;
            double delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
        }
        if (n == 0) {
            return new Descriptive(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double sampleStd = n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1));
        return new Descriptive(n, mean, sampleStd, Math.sqrt(m2 / n));
    }

    public static Descriptive of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** Standard error of the mean: sampleStd / sqrt(n). */
    public double standardError() {
        return count < 2 ? Double.NaN : sampleStd / Math.sqrt(count);
    }
}
