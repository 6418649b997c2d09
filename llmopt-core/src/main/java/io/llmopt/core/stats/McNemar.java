package io.llmopt.core.stats;

import java.util.Objects;

/**
 * The exact (binomial) McNemar test for two classifiers judged on the same examples.
 *
 * <p>Only the discordant examples carry information: {@code b} where only the first system is
 * right, {@code c} where only the second is. Under the null hypothesis of equal accuracy each
 * discordant example is a fair coin, so the two-sided p-value is
 * {@code min(1, 2 * P(X <= min(b, c)))} with {@code X ~ Binomial(b + c, 1/2)}. The exact form is
 * used because prompt comparisons often have few discordant examples, where the chi-square
 * approximation is poor.
 */
public final class McNemar {

    private McNemar() {
    }

    /**
     * The result of the test.
     *
     * @param onlyFirstCorrect  b: examples the first system gets right and the second wrong
     * @param onlySecondCorrect c: examples the second system gets right and the first wrong
     * @param pValue            the exact two-sided p-value
     */
    public record Result(long onlyFirstCorrect, long onlySecondCorrect, double pValue) {

        public long discordant() {
            return onlyFirstCorrect + onlySecondCorrect;
        }

        public boolean significantAt(double alpha) {
            return pValue < alpha;
        }
    }

    /** The test from the two discordant counts. */
    public static Result exact(long onlyFirstCorrect, long onlySecondCorrect) {
        if (onlyFirstCorrect < 0 || onlySecondCorrect < 0) {
            throw new IllegalArgumentException("discordant counts must be non-negative");
        }
        long n = onlyFirstCorrect + onlySecondCorrect;
        if (n == 0) {
            return new Result(0, 0, 1.0);
        }
        long k = Math.min(onlyFirstCorrect, onlySecondCorrect);
        double p = Math.min(1.0, 2 * Binomial.cdf(k, n, 0.5));
        return new Result(onlyFirstCorrect, onlySecondCorrect, p);
    }

    /** The test from per-example correctness of the two systems, in the same example order. */
    public static Result exact(boolean[] firstCorrect, boolean[] secondCorrect) {
        Objects.requireNonNull(firstCorrect, "firstCorrect");
        Objects.requireNonNull(secondCorrect, "secondCorrect");
        if (firstCorrect.length != secondCorrect.length) {
            throw new IllegalArgumentException("paired results differ in length: "
                    + firstCorrect.length + " vs " + secondCorrect.length);
        }
        long b = 0;
        long c = 0;
        for (int i = 0; i < firstCorrect.length; i++) {
            if (firstCorrect[i] && !secondCorrect[i]) {
                b++;
            } else if (!firstCorrect[i] && secondCorrect[i]) {
                c++;
            }
        }
        return exact(b, c);
    }
}
