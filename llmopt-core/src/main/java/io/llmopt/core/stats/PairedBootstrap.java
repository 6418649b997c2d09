package io.llmopt.core.stats;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded paired bootstrap for the difference of two systems' mean scores on the same examples
 * (accuracy when scores are 0/1).
 *
 * <p>Examples are resampled with replacement and both systems are scored on the same resample, so
 * the per-example correlation between them is kept; that is what makes it more powerful than
 * comparing two independent intervals. Same seed, same inputs: same result.
 */
public final class PairedBootstrap {

    /** 10,000 resamples: the percentile bounds are then stable to about 0.002. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    private final int resamples;
    private final long seed;
    private final double confidence;

    public PairedBootstrap(int resamples, long seed, double confidence) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        this.resamples = resamples;
        this.seed = seed;
        this.confidence = confidence;
    }

    /** 10,000 resamples, 95% interval. */
    public PairedBootstrap(long seed) {
        this(DEFAULT_RESAMPLES, seed, WilsonInterval.DEFAULT_CONFIDENCE);
    }

    /**
     * What the bootstrap found.
     *
     * @param observedDifference       mean(second) - mean(first) on the original examples
     * @param interval                 percentile interval of the difference
     * @param probabilitySecondBetter  share of resamples where the second system's mean is higher
     * @param probabilityFirstBetter   share of resamples where the first system's mean is higher
     * @param resamples                how many resamples were drawn
     */
    public record Result(double observedDifference, ConfidenceInterval interval,
                         double probabilitySecondBetter, double probabilityFirstBetter, int resamples) {

        /**
         * A two-sided bootstrap p-value for "no difference": twice the smaller share of resamples
         * on either side of zero (ties count for neither), capped at 1.
         */
        public double pValue() {
            return Math.min(1.0, 2 * Math.min(1 - probabilitySecondBetter, 1 - probabilityFirstBetter));
        }
    }

    public Result compare(boolean[] firstCorrect, boolean[] secondCorrect) {
        return compare(toScores(firstCorrect), toScores(secondCorrect));
    }

    public Result compare(double[] first, double[] second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.length != second.length) {
            throw new IllegalArgumentException("paired scores differ in length: " + first.length + " vs " + second.length);
        }
        int n = first.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot bootstrap zero examples");
        }
        double[] delta = new double[n];
        double observed = 0;
        for (int i = 0; i < n; i++) {
            delta[i] = second[i] - first[i];
            observed += delta[i];
        }
        observed /= n;

        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        int secondBetter = 0;
        int firstBetter = 0;
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += delta[random.nextInt(n)];
            }
            double mean = sum / n;
            means[r] = mean;
            // Tolerance for sums of 0/1 differences that should be exactly zero.
            if (mean > 1e-12) {
                secondBetter++;
            } else if (mean < -1e-12) {
                firstBetter++;
            }
        }
        Arrays.sort(means);
        double alpha = 1 - confidence;
        ConfidenceInterval interval = new ConfidenceInterval(
                percentile(means, alpha / 2), percentile(means, 1 - alpha / 2), confidence);
        return new Result(observed, interval, (double) secondBetter / resamples,
                (double) firstBetter / resamples, resamples);
    }

    /** Linear interpolation between order statistics (numpy's default percentile rule). */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        double fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }

    private static double[] toScores(boolean[] correct) {
        Objects.requireNonNull(correct, "correct");
        double[] scores = new double[correct.length];
        for (int i = 0; i < correct.length; i++) {
            scores[i] = correct[i] ? 1 : 0;
        }
        return scores;
    }
}
