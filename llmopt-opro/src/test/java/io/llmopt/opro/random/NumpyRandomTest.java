package io.llmopt.opro.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Expected values were produced by numpy 2.4 ({@code np.random.seed}, {@code permutation}, {@code choice}). */
class NumpyRandomTest {
    private static final JsonNode FIXTURE = fixture();

    private static JsonNode fixture() {
        try (java.io.InputStream in = NumpyRandomTest.class.getResourceAsStream("/io/llmopt/opro/data/numpy_random.json")) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.List<Integer> ints(JsonNode array) {
        java.util.List<Integer> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    @Test
    void mt19937MatchesTheReferenceGeneratorOutput() {
        // First output of init_genrand(5489), the published MT19937 test value.
        assertThat(new NumpyRandom(5489).nextUint32()).isEqualTo(3499211612L);
    }

    @Test
    void permutationsMatchNumpy() {
        assertThat(FIXTURE.get("permutations")).hasSizeGreaterThan(20);
        for (JsonNode c : FIXTURE.get("permutations")) {
            int[] perm = new NumpyRandom(c.get("seed").asLong()).permutation(c.get("n").asInt());
            assertThat(Arrays.stream(perm).boxed().toList()).as("seed %s n %s", c.get("seed"), c.get("n"))
                    .isEqualTo(ints(c.get("perm")));
        }
    }

    @Test
    void choiceWithoutReplacementMatchesNumpy() {
        for (JsonNode c : FIXTURE.get("choices")) {
            int[] picked = new NumpyRandom(c.get("seed").asLong())
                    .choiceWithoutReplacement(c.get("n").asInt(), c.get("size").asInt());
            assertThat(Arrays.stream(picked).boxed().toList()).as("%s", c).isEqualTo(ints(c.get("choice")));
        }
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThatThrownBy(() -> new NumpyRandom(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumpyRandom(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumpyRandom(0).choiceWithoutReplacement(3, 4))
                .hasMessageContaining("without replacement");
    }
}
