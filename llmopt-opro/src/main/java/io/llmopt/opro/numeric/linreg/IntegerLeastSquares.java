package io.llmopt.opro.numeric.linreg;

/**
 * The exact best integer (w, b) for a {@link LinearRegressionData}: the optimum an optimizer
 * restricted to integer proposals can reach.
 *
 * <p>Rounding the continuous least-squares solution is not enough in general (w and b are
 * correlated), so we scan w outwards from the continuous optimum w*, taking for each w the best
 * integers around the conditional optimum of b, and stop once the continuous lower bound
 * {@code L* + Sxx·(w − w*)²} of every remaining w exceeds the best loss found.
 */
public final class IntegerLeastSquares {

    private IntegerLeastSquares() {
    }

    /** The best integer pair; ties go to the smaller w, then the smaller b. */
    public static WbPair bestIntegerPair(LinearRegressionData data) {
        double[] x = data.x();
        double[] y = data.y();
        int n = x.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("all x are equal: w is not identifiable");
        }
        double wStar = sxy / sxx;
        double continuousMin = data.loss(wStar, meanY - wStar * meanX);

        Best best = new Best();
        long w0 = Math.round(wStar);
        best.consider(data, w0, meanX, meanY);
        for (int direction = -1; direction <= 1; direction += 2) {
            for (long w = w0 + direction; ; w += direction) {
                double bound = continuousMin + sxx * (w - wStar) * (w - wStar);
                // A small relative slack: the bound and the losses carry rounding error.
                if (bound > best.loss * (1 + 1e-12) + 1e-9) {
                    break;
                }
                best.consider(data, w, meanX, meanY);
            }
        }
        return new WbPair(best.w, best.b);
    }

    private static final class Best {
        long w;
        long b;
        double loss = Double.POSITIVE_INFINITY;

        void consider(LinearRegressionData data, long w, double meanX, double meanY) {
            double bStar = meanY - w * meanX;
            long floor = (long) Math.floor(bStar);
            for (long b = floor - 1; b <= floor + 2; b++) {
                double value = data.loss(w, b);
                boolean better = value < loss
                        || (value == loss && (w < this.w || (w == this.w && b < this.b)));
                if (better) {
                    loss = value;
                    this.w = w;
                    this.b = b;
                }
            }
        }
    }
}
