package io.llmopt.core.stats;

/**
 * A one-sided, anytime-valid sequential test of "the mean of a finite population is at least
 * {@code nullMean}", fed with the population's values one at a time in a uniformly random order
 * (sampling without replacement).
 *
 * <p>This is testing by betting (Waudby-Smith &amp; Ramdas, "Confidence sequences for sampling
 * without replacement", NeurIPS 2020; "Estimating means of bounded random variables by betting",
 * JRSS-B 2024). A gambler starts with capital 1 and, before each draw, stakes a fraction
 * {@code lambda} of it on the draw falling <em>below</em> its conditional mean under the null. For
 * a population of {@code N} values whose mean is {@code m}, after {@code t - 1} draws summing to
 * {@code S} the next draw has conditional mean {@code (N m - S) / (N - t + 1)}; the capital
 * {@code K_t = prod (1 - lambda_i (x_i - nullConditionalMean_i))} is then a non-negative
 * supermartingale for every population mean {@code >= nullMean}, and by Ville's inequality
 * {@code P(sup_t K_t >= 1/alpha) <= alpha}. So: <strong>whatever the stopping rule, the chance
 * that this test ever rejects a true null is at most {@code alpha}</strong>; no union bound over
 * looks is needed.
 *
 * <p>Why not Hoeffding or empirical Bernstein: betting adapts to the variance like empirical
 * Bernstein but without its large range term (7/3 of the range over {@code n}, which dominates at
 * the small samples racing cares about), it is valid at every look, and the without-replacement
 * conditional mean makes it exact at {@code t = N}. The stake is the approximate growth-rate
 * optimal ("aGRAPA") plug-in from past draws only, so validity never depends on how well it is
 * tuned; tuning only affects power.
 *
 * <p>The rejection is sticky and also certain as soon as the null is arithmetically impossible
 * (even if every unseen value were {@code upper}, the mean would stay below {@code nullMean}). Not
 * thread-safe.
 */
public final class FinitePopulationBetting {

    /** Stake at most half the capital that a worst-case draw could cost, as the authors recommend. */
    public static final double DEFAULT_MAX_STAKE = 0.5;

    // Absorbs rounding in sums of non-integer values, so a tie with the null is never "impossible".
    private static final double TOLERANCE = 1e-9;

    private final int populationSize;
    private final double lower;
    private final double upper;
    private final double nullMean;
    private final double logThreshold;
    private final double maxStake;

    private int seen;
    private double sum;
    private double runningMean;
    private double runningM2;
    private double logCapital;
    private double maxLogCapital;
    private boolean rejected;

    /**
     * @param populationSize how many values the population holds, {@code N}
     * @param lower          the smallest value a draw can take
     * @param upper          the largest value a draw can take
     * @param nullMean       the null hypothesis is "population mean {@code >= nullMean}"
     * @param alpha          the chance of ever rejecting a true null, in (0, 1)
     * @param maxStake       the largest fraction of the capital a single draw may lose, in (0, 1)
     */
    public FinitePopulationBetting(int populationSize, double lower, double upper, double nullMean,
                                       double alpha, double maxStake) {
        if (populationSize < 1) {
            throw new IllegalArgumentException("population size must be at least 1, got " + populationSize);
        }
        if (!(lower < upper)) {
            throw new IllegalArgumentException("need lower < upper, got [" + lower + ", " + upper + "]");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (!(maxStake > 0 && maxStake < 1)) {
            throw new IllegalArgumentException("max stake must be in (0, 1), got " + maxStake);
        }
        if (!Double.isFinite(nullMean)) {
            throw new IllegalArgumentException("null mean must be finite, got " + nullMean);
        }
        this.populationSize = populationSize;
        this.lower = lower;
        this.upper = upper;
        this.nullMean = nullMean;
        this.logThreshold = Math.log(1 / alpha);
        this.maxStake = maxStake;
        // Before any draw the estimate sits on the null (no evidence, no bet) with a quarter-range spread.
        this.runningMean = nullMean;
        this.runningM2 = Math.pow((upper - lower) / 4, 2);
        this.rejected = impossibleUnderNull();
    }

    public FinitePopulationBetting(int populationSize, double lower, double upper, double nullMean, double alpha) {
        this(populationSize, lower, upper, nullMean, alpha, DEFAULT_MAX_STAKE);
    }

    /** Feeds the next draw; draws must come in the random order, each population member once. */
    public void observe(double value) {
        if (seen == populationSize) {
            throw new IllegalStateException("all " + populationSize + " values have been observed");
        }
        if (!(value >= lower - TOLERANCE && value <= upper + TOLERANCE)) {
            throw new IllegalArgumentException("value " + value + " outside [" + lower + ", " + upper + "]");
        }
        if (!rejected) {
            double conditionalNullMean = (populationSize * nullMean - sum) / (populationSize - seen);
            double stake = stake(conditionalNullMean);
            logCapital += Math.log1p(-stake * (value - conditionalNullMean));
            maxLogCapital = Math.max(maxLogCapital, logCapital);
        }
        seen++;
        sum += value;
        double priorWeighted = seen + 1; // one pseudo-observation of the prior estimate
        double delta = value - runningMean;
        runningMean += delta / priorWeighted;
        runningM2 += delta * (value - runningMean);
        if (maxLogCapital >= logThreshold || impossibleUnderNull()) {
            rejected = true;
        }
    }

    /** Whether the null has been rejected at any point so far (sticky). */
    public boolean rejected() {
        return rejected;
    }

    /** How many draws have been observed. */
    public int seen() {
        return seen;
    }

    /** Mean of the draws so far (NaN before the first). */
    public double sampleMean() {
        return seen == 0 ? Double.NaN : sum / seen;
    }

    /** The natural log of the current betting capital; rejection happens at {@code log(1/alpha)}. */
    public double logCapital() {
        return logCapital;
    }

    private double stake(double conditionalNullMean) {
        double room = upper - conditionalNullMean;
        if (room <= 0 || conditionalNullMean <= lower) {
            // Either every unseen value must equal the maximum (nothing to win) or no draw can fall
            // below the null mean (betting could only lose).
            return 0;
        }
        double variance = runningM2 / (seen + 1);
        double gap = conditionalNullMean - runningMean;
        if (gap <= 0) {
            return 0;
        }
        double growthOptimal = gap / (variance + gap * gap);
        return Math.min(growthOptimal, maxStake / room);
    }

    private boolean impossibleUnderNull() {
        double largestPossibleMean = (sum + (double) (populationSize - seen) * upper) / populationSize;
        return largestPossibleMean < nullMean - TOLERANCE;
    }
}
