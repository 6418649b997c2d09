package io.llmopt.core.stats;

/** Binomial probabilities computed in log space, so large n neither overflows nor underflows. */
public final class Binomial {

    private Binomial() {
    }

    /** P(X <= k) for X ~ Binomial(n, p). */
    public static double cdf(long k, long n, double p) {
        if (n < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("need n >= 0 and p in [0, 1], got n=" + n + ", p=" + p);
        }
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        if (p == 0) {
            return 1;
        }
        if (p == 1) {
            return 0;
        }
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        double logChoose = 0; // log C(n, 0)
        double maxLog = Double.NEGATIVE_INFINITY;
        double[] terms = new double[(int) k + 1];
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                logChoose += Math.log(n - i + 1) - Math.log(i);
            }
            terms[i] = logChoose + i * logP + (n - i) * logQ;
            maxLog = Math.max(maxLog, terms[i]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - maxLog);
        }
        return Math.min(1, Math.exp(maxLog) * sum);
    }
}
