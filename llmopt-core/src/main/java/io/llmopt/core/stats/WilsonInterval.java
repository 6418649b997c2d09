package io.llmopt.core.stats;

/**
 * The Wilson score interval for a binomial proportion.
 *
 * <p>Chosen over the textbook normal (Wald) interval because evaluation sets here are small (80 to
 * 300 prompts) and rates near 0 or 1 are common; Wilson keeps its coverage there and never leaves
 * [0, 1].
 */
public final class WilsonInterval {

    /** Two-sided 95% coverage. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private WilsonInterval() {
    }

    /** The 95% interval for {@code successes} out of {@code trials}. */
    public static ConfidenceInterval of(long successes, long trials) {
        return of(successes, trials, DEFAULT_CONFIDENCE);
    }

    /**
     * The interval for {@code successes} out of {@code trials} at the given confidence. With no
     * trials nothing is known, so the interval is [0, 1].
     */
    public static ConfidenceInterval of(long successes, long trials, double confidence) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + " of " + trials);
        }
        if (trials == 0) {
            return new ConfidenceInterval(0, 1, confidence);
        }
        double z = NormalDistribution.twoSidedZ(confidence);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double margin = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // Clamp away rounding error at the edges: at p = 0 the lower bound is exactly 0.
        double lower = successes == 0 ? 0 : Math.max(0, centre - margin);
        double upper = successes == trials ? 1 : Math.min(1, centre + margin);
        return new ConfidenceInterval(lower, upper, confidence);
    }
}
