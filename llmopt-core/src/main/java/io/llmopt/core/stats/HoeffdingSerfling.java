package io.llmopt.core.stats;

/**
 * A one-sided confidence bound for the mean of a finite population from a sample drawn without
 * replacement: Hoeffding's inequality with Serfling's finite-population factor (Serfling 1974,
 * Corollary 1.1), tightened by the arithmetic bound of what the unseen values could add.
 *
 * <p>For values in {@code [lower, upper]}, a uniformly random sample of {@code n} of the
 * {@code N} values, and {@code f = (n - 1) / N}: {@code P(mean > sampleMean + eps) <= exp(-2 n eps^2
 * / ((1 - f) (upper - lower)^2))}. The bound holds at one fixed {@code n}; a caller that looks at
 * several sample sizes must split its error rate over the looks (a union bound).
 */
public final class HoeffdingSerfling {

    private HoeffdingSerfling() {
    }

    /**
     * The smallest value the population mean can exceed with probability at most {@code delta}.
     *
     * @param sampleMean     the mean of the {@code n} sampled values
     * @param n              the sample size, 1 to {@code N}
     * @param populationSize {@code N}
     * @param lower          the smallest possible value
     * @param upper          the largest possible value
     * @param delta          the error rate, in (0, 1)
     */
    public static double upperBound(double sampleMean, int n, int populationSize, double lower, double upper,
                                    double delta) {
        if (populationSize < 1 || n < 1 || n > populationSize) {
            throw new IllegalArgumentException("need 1 <= n <= N, got n=" + n + ", N=" + populationSize);
        }
        if (!(lower < upper)) {
            throw new IllegalArgumentException("need lower < upper, got [" + lower + ", " + upper + "]");
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        double range = upper - lower;
        double finitePopulation = 1 - (n - 1.0) / populationSize;
        double probabilistic = sampleMean + range * Math.sqrt(finitePopulation * Math.log(1 / delta) / (2.0 * n));
        // Certain: the unseen N - n values are at most `upper`.
        double arithmetic = (sampleMean * n + (double) (populationSize - n) * upper) / populationSize;
        return Math.min(probabilistic, arithmetic);
    }
}
