package io.llmopt.core.stats;

/**
 * A two-sided confidence interval.
 *
 * @param lower      lower bound
 * @param upper      upper bound
 * @param confidence the nominal coverage, for example 0.95
 */
public record ConfidenceInterval(double lower, double upper, double confidence) {

    public ConfidenceInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower bound " + lower + " exceeds upper bound " + upper);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    public double width() {
        return upper - lower;
    }
}
