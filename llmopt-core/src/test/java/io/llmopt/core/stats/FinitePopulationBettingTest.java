package io.llmopt.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FinitePopulationBettingTest {

    private static final int N = 261;

    /** A population of paired differences in {-1, 0, 1} with the given counts of +1 and -1. */
    private static double[] differences(int plus, int minus) {
        double[] values = new double[N];
        for (int i = 0; i < plus; i++) {
            values[i] = 1;
        }
        for (int i = plus; i < plus + minus; i++) {
            values[i] = -1;
        }
        return values;
    }

    private static void shuffle(double[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    /** Share of random orders in which the test ever rejects, looking after every draw. */
    private static double rejectionRate(double[] population, double nullMean, double lower, double upper,
                                        double alpha, int trials, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] order = population.clone();
        int rejections = 0;
        for (int trial = 0; trial < trials; trial++) {
            shuffle(order, random);
            FinitePopulationBetting test = new FinitePopulationBetting(N, lower, upper, nullMean, alpha);
            for (double v : order) {
                test.observe(v);
                if (test.rejected()) {
                    break;
                }
            }
            // The last draws reveal the exact mean, so only a population truly below the null may end rejected.
            rejections += test.rejected() ? 1 : 0;
        }
        return (double) rejections / trials;
    }

    @Test
    void neverRejectsWhenTheMeanEqualsTheNullEvenLookingAfterEveryDraw() {
        // Worst case for validity: the null holds with equality and the values are very spread out.
        double[] population = differences(40, 40);
        double rate = rejectionRate(population, 0, -1, 1, 0.05, 4000, 11);
        // alpha = 0.05; the binomial standard error at 4,000 trials is about 0.0035.
        assertThat(rate).isLessThanOrEqualTo(0.05 + 0.01);
    }

    @Test
    void staysValidAtAHighErrorRateWhereAViolationWouldShow() {
        double[] population = differences(25, 25);
        assertThat(rejectionRate(population, 0, -1, 1, 0.3, 4000, 12)).isLessThanOrEqualTo(0.3 + 0.02);
    }

    @Test
    void staysValidForZeroOneValuesAgainstAConstantThreshold() {
        double[] population = new double[N];
        for (int i = 0; i < 157; i++) { // mean 157/261 = 0.6015
            population[i] = 1;
        }
        double threshold = 157.0 / N;
        assertThat(rejectionRate(population, threshold, 0, 1, 0.1, 4000, 13)).isLessThanOrEqualTo(0.1 + 0.015);
    }

    @Test
    void rejectsEarlyWhenThePopulationIsClearlyBelowTheNull() {
        // Mean difference -0.15 with 25% discordant examples: a candidate well behind the bar.
        double[] population = differences(13, 52);
        SplittableRandom random = new SplittableRandom(14);
        int trials = 500;
        long drawsToReject = 0;
        for (int trial = 0; trial < trials; trial++) {
            shuffle(population, random);
            FinitePopulationBetting test = new FinitePopulationBetting(N, -1, 1, 0, 0.05);
            for (double v : population) {
                test.observe(v);
                if (test.rejected()) {
                    break;
                }
            }
            assertThat(test.rejected()).isTrue();
            drawsToReject += test.seen();
        }
        assertThat((double) drawsToReject / trials).isLessThan(120);
    }

    @Test
    void theFullPopulationDecidesExactly() {
        double[] justBelow = differences(10, 11);
        FinitePopulationBetting below = new FinitePopulationBetting(N, -1, 1, 0, 1e-6);
        for (double v : justBelow) {
            below.observe(v);
        }
        assertThat(below.rejected()).isTrue();

        double[] tie = differences(11, 11);
        FinitePopulationBetting tied = new FinitePopulationBetting(N, -1, 1, 0, 0.5);
        for (double v : tie) {
            tied.observe(v);
        }
        assertThat(tied.rejected()).isFalse();
    }

    @Test
    void rejectsAsSoonAsTheNullIsArithmeticallyImpossible() {
        // Null: mean of 10 zero/one values >= 0.8; three zeros already make that impossible.
        FinitePopulationBetting test = new FinitePopulationBetting(10, 0, 1, 0.8, 1e-9);
        test.observe(0);
        test.observe(0);
        assertThat(test.rejected()).isFalse();
        test.observe(0);
        assertThat(test.rejected()).isTrue();
        assertThat(test.seen()).isEqualTo(3);
        assertThat(test.sampleMean()).isZero();
    }

    @Test
    void aNullAboveTheRangeIsRejectedBeforeAnyDraw() {
        assertThat(new FinitePopulationBetting(5, 0, 1, 1.5, 0.05).rejected()).isTrue();
    }

    @Test
    void doesNotBetWhenTheDrawsRunAboveTheNull() {
        FinitePopulationBetting test = new FinitePopulationBetting(N, -1, 1, 0, 0.05);
        for (int i = 0; i < 50; i++) {
            test.observe(1);
        }
        assertThat(test.logCapital()).isLessThanOrEqualTo(0);
        assertThat(test.rejected()).isFalse();
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> new FinitePopulationBetting(0, 0, 1, 0.5, 0.05))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FinitePopulationBetting(5, 1, 1, 0.5, 0.05))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FinitePopulationBetting(5, 0, 1, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class);
        FinitePopulationBetting test = new FinitePopulationBetting(1, 0, 1, 0.5, 0.05);
        assertThatThrownBy(() -> test.observe(2)).isInstanceOf(IllegalArgumentException.class);
        test.observe(1);
        assertThatThrownBy(() -> test.observe(1)).isInstanceOf(IllegalStateException.class);
    }
}
