package io.llmopt.opro.meta;

/**
 * How scores are shown in the meta-prompt: as an integer bucket ({@code round(score * buckets)},
 * the paper's 100 buckets) or, without buckets (the reference's {@code np.inf}), as the accuracy
 * rounded to a few decimals.
 *
 * @param buckets the number of buckets, or 0 for none
 */
public record ScoreBuckets(int buckets) {
    /** The paper's setting: scores 0 to 100. */
    public static final ScoreBuckets PAPER = new ScoreBuckets(100);
    /** No bucketing: the accuracy itself, rounded. */
    public static final ScoreBuckets NONE = new ScoreBuckets(0);

    public ScoreBuckets {
        if (buckets < 0) {
            throw new IllegalArgumentException("the number of score buckets cannot be negative");
        }
    }

    public boolean bucketed() {
        return buckets > 0;
    }

    /** The score as the meta-prompt shows it; {@code digits} applies only without buckets. */
    public String show(double score, int digits) {
        if (bucketed()) {
            if (!(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("a bucketed score must be between 0 and 1, got " + score);
            }
            return Long.toString(PythonFloats.round(score * buckets));
        }
        return PythonFloats.str(PythonFloats.round(score, digits));
    }
}
