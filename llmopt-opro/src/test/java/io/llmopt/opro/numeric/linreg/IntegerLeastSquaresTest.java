package io.llmopt.opro.numeric.linreg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntegerLeastSquaresTest {

    @Test
    void findsTheExactPairOnNoiselessData() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
            y[i] = 7 * x[i] - 3;
        }
        assertThat(IntegerLeastSquares.bestIntegerPair(new LinearRegressionData(x, y, 7, -3))).isEqualTo(new WbPair(7, -3));
    }

    @Test
    void beatsRoundingTheContinuousSolutionWhenWAndBAreCorrelated() {
        // Far from the origin w and b trade off strongly; brute force is the judge.
        double[] x = {100, 101, 102};
        double[] y = {250.3, 252.9, 255.1};
        LinearRegressionData data = new LinearRegressionData(x, y, 0, 0);
        WbPair best = IntegerLeastSquares.bestIntegerPair(data);
        double bestLoss = Double.POSITIVE_INFINITY;
        WbPair brute = null;
        for (long w = -10; w <= 10; w++) {
            for (long b = -1000; b <= 1000; b++) {
                double loss = data.loss(w, b);
                if (loss < bestLoss) {
                    bestLoss = loss;
                    brute = new WbPair(w, b);
                }
            }
        }
        assertThat(best).isEqualTo(brute);
    }
}
