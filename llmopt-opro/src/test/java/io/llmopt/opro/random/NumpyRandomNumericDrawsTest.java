package io.llmopt.opro.random;

import static io.llmopt.opro.numeric.ReferenceFixtures.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.opro.numeric.ReferenceFixtures;
import org.junit.jupiter.api.Test;

class NumpyRandomNumericDrawsTest {

    private final JsonNode rng = ReferenceFixtures.get().get("rng");

    @Test
    void randomSampleMatchesNumpyBitForBit() {
        NumpyRandom state = new NumpyRandom(1);
        double[] expected = doubles(rng.get("random_sample_seed1"));
        for (double e : expected) {
            assertThat(state.randomSample()).isEqualTo(e);
        }
        assertThat(new NumpyRandom(4294967295L).randomSample()).isEqualTo(rng.get("random_sample_seed_max").asDouble());
    }

    @Test
    void randnMatchesNumpyLegacyGaussIncludingTheCachedSecondValue() {
        double[] actual = new NumpyRandom(1).randn(7);
        assertThat(actual).containsExactly(doubles(rng.get("randn_seed1")));
    }

    @Test
    void uniformMatchesNumpy() {
        assertThat(new NumpyRandom(10).uniform(10, 20, 5)).containsExactly(doubles(rng.get("uniform_10_20_seed10")));
    }

    @Test
    void successivePermutationsMatchNumpy() {
        NumpyRandom state = new NumpyRandom(7);
        for (JsonNode perm : rng.get("permutations_seed7_n10")) {
            assertThat(state.permutation(10)).containsExactly(ReferenceFixtures.ints(perm));
        }
    }

    @Test
    void reseedingResetsTheCachedGaussian() {
        NumpyRandom state = new NumpyRandom(1);
        state.gaussian();
        state.seed(1);
        assertThat(state.gaussian()).isEqualTo(rng.get("randn_seed1").get(0).asDouble());
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThatThrownBy(() -> new NumpyRandom(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumpyRandom(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
