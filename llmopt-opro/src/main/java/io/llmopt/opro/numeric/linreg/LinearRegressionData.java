package io.llmopt.opro.numeric.linreg;

import io.llmopt.opro.random.NumpyRandom;

/**
 * The regression data of one run: {@code X = 1..n}, {@code y = w_true·X + b_true + N(0, 1)},
 * with the noise drawn exactly as the reference does ({@code np.random.seed(seed); randn(n)}).
 */
public final class LinearRegressionData {

    private final double[] x;
    private final double[] y;
    private final long wTrue;
    private final long bTrue;

    public LinearRegressionData(double[] x, double[] y, long wTrue, long bTrue) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("need at least two points and as many x as y");
        }
        this.x = x.clone();
        this.y = y.clone();
        this.wTrue = wTrue;
        this.bTrue = bTrue;
    }

    /** The reference's data for repetition {@code seed} (the reference uses seeds 1..5). */
    public static LinearRegressionData generate(long wTrue, long bTrue, int numPoints, long seed) {
        double[] x = new double[numPoints];
        for (int i = 0; i < numPoints; i++) {
            x[i] = i + 1;
        }
        double[] noise = new NumpyRandom(seed).randn(numPoints);
        double[] y = new double[numPoints];
        for (int i = 0; i < numPoints; i++) {
            // Same operation order as the reference's X * w_true + b_true + noise.
            y[i] = x[i] * wTrue + bTrue + noise[i];
        }
        return new LinearRegressionData(x, y, wTrue, bTrue);
    }

    /**
     * Sum of squared residuals. Computed as the reference does, the square of the Euclidean norm,
     * so the integer-truncated values in the meta-prompt agree with it.
     */
    public double loss(double w, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - (x[i] * w + b);
            sum += r * r;
        }
        double norm = Math.sqrt(sum);
        return norm * norm;
    }

    public int size() {
        return x.length;
    }

    public double[] x() {
        return x.clone();
    }

    public double[] y() {
        return y.clone();
    }

    public long wTrue() {
        return wTrue;
    }

    public long bTrue() {
        return bTrue;
    }
}
