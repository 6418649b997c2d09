package io.llmopt.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HoeffdingSerflingTest {

    @Test
    void matchesTheFormula() {
        double bound = HoeffdingSerfling.upperBound(0.6, 40, 261, 0, 1, 0.05);
        double expected = 0.6 + Math.sqrt((1 - 39.0 / 261) * Math.log(20) / 80);
        assertThat(bound).isCloseTo(expected, within(1e-12));
    }

    @Test
    void theWholePopulationGivesTheExactMean() {
        assertThat(HoeffdingSerfling.upperBound(0.7, 261, 261, 0, 1, 0.01)).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void coversTheTrueMeanAtLeastOneMinusDeltaOfTheTime() {
        int n = 261;
        int[] population = new int[n];
        for (int i = 0; i < 183; i++) {
            population[i] = 1;
        }
        double mean = 183.0 / n;
        SplittableRandom random = new SplittableRandom(21);
        int misses = 0;
        int trials = 20_000;
        for (int t = 0; t < trials; t++) {
            // A random sample of 40 without replacement: a partial Fisher-Yates shuffle.
            int sum = 0;
            for (int i = 0; i < 40; i++) {
                int j = i + random.nextInt(n - i);
                int tmp = population[i];
                population[i] = population[j];
                population[j] = tmp;
                sum += population[i];
            }
            if (HoeffdingSerfling.upperBound(sum / 40.0, 40, n, 0, 1, 0.2) < mean) {
                misses++;
            }
        }
        assertThat((double) misses / trials).isLessThanOrEqualTo(0.2);
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> HoeffdingSerfling.upperBound(0.5, 0, 10, 0, 1, 0.05))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HoeffdingSerfling.upperBound(0.5, 11, 10, 0, 1, 0.05))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HoeffdingSerfling.upperBound(0.5, 5, 10, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
