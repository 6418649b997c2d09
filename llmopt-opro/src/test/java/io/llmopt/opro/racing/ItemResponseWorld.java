package io.llmopt.opro.racing;

import java.util.SplittableRandom;

/**
 * Simulated per-example outcomes of instructions on one training split, without an LLM: example
 * {@code i} has difficulty {@code b_i ~ Normal(0, spread)}, and an instruction of true accuracy
 * {@code a} answers it correctly with probability {@code sigmoid(theta - b_i)}, {@code theta}
 * calibrated so the mean over the examples is {@code a}. Shared difficulties make instructions
 * agree on which examples are hard, as real ones do; the spread sets how much
 * ({@link #disagreement}).
 */
final class ItemResponseWorld {

    private static final double THETA_MIN = -12;
    private static final double THETA_STEP = 0.01;

    private final double[] difficulty;
    private final double[] accuracyCurve;

    ItemResponseWorld(int examples, double spread, SplittableRandom random) {
        difficulty = new double[examples];
        for (int i = 0; i < examples; i++) {
            difficulty[i] = spread * gaussian(random);
        }
        // Mean P(correct) on a grid of abilities: computed once, inverted per instruction.
        accuracyCurve = new double[2401];
        for (int g = 0; g < accuracyCurve.length; g++) {
            double theta = THETA_MIN + g * THETA_STEP;
            double mean = 0;
            for (double b : difficulty) {
                mean += sigmoid(theta - b);
            }
            accuracyCurve[g] = mean / examples;
        }
    }

    /** One instruction's results on every example, given its true accuracy. */
    boolean[] outcomes(double truth, SplittableRandom random) {
        double theta = thetaFor(truth);
        boolean[] out = new boolean[difficulty.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextDouble() < sigmoid(theta - difficulty[i]);
        }
        return out;
    }

    /** Share of examples on which two instructions of true accuracy 0.70 differ (one draw). */
    double disagreement(SplittableRandom random) {
        boolean[] a = outcomes(0.70, random);
        boolean[] b = outcomes(0.70, random);
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            differ += a[i] != b[i] ? 1 : 0;
        }
        return (double) differ / a.length;
    }

    static double score(boolean[] outcomes) {
        int c = 0;
        for (boolean o : outcomes) {
            c += o ? 1 : 0;
        }
        return (double) c / outcomes.length;
    }

    private double thetaFor(double truth) {
        int hi = 1;
        while (accuracyCurve[hi] < truth) {
            hi++;
        }
        double fraction = (truth - accuracyCurve[hi - 1]) / (accuracyCurve[hi] - accuracyCurve[hi - 1]);
        return THETA_MIN + (hi - 1 + fraction) * THETA_STEP;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian of its own.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
