package io.llmopt.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    @Test
    void sameSeedSameResult() {
        boolean[][] data = data(200, 0.6, 0.7, 1);
        PairedBootstrap.Result a = new PairedBootstrap(42).compare(data[0], data[1]);
        PairedBootstrap.Result b = new PairedBootstrap(42).compare(data[0], data[1]);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void clearImprovementIsDetectedAndIntervalCoversTheObservedDifference() {
        boolean[][] data = data(300, 0.5, 0.8, 7);
        PairedBootstrap.Result r = new PairedBootstrap(2_000, 3, 0.95).compare(data[0], data[1]);
        assertThat(r.interval().contains(r.observedDifference())).isTrue();
        assertThat(r.interval().lower()).isGreaterThan(0);
        assertThat(r.probabilitySecondBetter()).isGreaterThan(0.99);
        assertThat(r.pValue()).isLessThan(0.01);
    }

    @Test
    void identicalSystemsShowNoDifference() {
        boolean[] same = {true, false, true, true, false};
        PairedBootstrap.Result r = new PairedBootstrap(1).compare(same, same);
        assertThat(r.observedDifference()).isZero();
        assertThat(r.interval().lower()).isZero();
        assertThat(r.interval().upper()).isZero();
        assertThat(r.pValue()).isEqualTo(1.0);
    }

    @Test
    void intervalWidthMatchesTheNormalApproximation() {
        // For paired 0/1 data the bootstrap SE of the mean difference approaches sd(delta)/sqrt(n).
        boolean[][] data = data(400, 0.6, 0.6, 11);
        double[] delta = new double[400];
        for (int i = 0; i < 400; i++) {
            delta[i] = (data[1][i] ? 1 : 0) - (data[0][i] ? 1 : 0);
        }
        double se = Descriptive.of(delta).populationStd() / Math.sqrt(400);
        PairedBootstrap.Result r = new PairedBootstrap(10_000, 5, 0.95).compare(data[0], data[1]);
        assertThat(r.interval().width()).isCloseTo(2 * 1.96 * se, within(0.1 * 2 * 1.96 * se));
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] sorted = {1, 2, 3, 4};
        assertThat(PairedBootstrap.percentile(sorted, 0.5)).isEqualTo(2.5);
        assertThat(PairedBootstrap.percentile(sorted, 0.025)).isCloseTo(1.075, within(1e-12));
    }

    @Test
    void rejectsUnpairedInput() {
        assertThatThrownBy(() -> new PairedBootstrap(1).compare(new boolean[2], new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean[][] data(int n, double pFirst, double pSecond, long seed) {
        Random random = new Random(seed);
        boolean[][] out = new boolean[2][n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            out[0][i] = u < pFirst;
            out[1][i] = u < pSecond || random.nextDouble() < 0.05;
        }
        return out;
    }
}
