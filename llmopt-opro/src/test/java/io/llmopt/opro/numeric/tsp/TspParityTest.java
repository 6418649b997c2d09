package io.llmopt.opro.numeric.tsp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.opro.numeric.Evaluation;
import io.llmopt.opro.numeric.ReferenceFixtures;
import io.llmopt.opro.random.NumpyRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Instances, heuristics, starting tours and meta-prompts against the Python transcription of the
 * reference. The fixture instances have no two history entries of equal length: the reference
 * orders ties by Python's (randomised) string hashing, so no implementation can match it there.
 */
class TspParityTest {

    static Stream<JsonNode> cases() {
        List<JsonNode> out = new ArrayList<>();
        ReferenceFixtures.get().get("tsp").forEach(out::add);
        return out.stream();
    }

    private static Tour tour(JsonNode array) {
        return new Tour(ReferenceFixtures.ints(array));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void instanceHeuristicsAndStartingToursMatch(JsonNode c) {
        int n = c.get("n").asInt();
        TspProblem problem = TspProblem.reference(n, c.get("seed").asLong(), StartingAlgorithm.FARTHEST_INSERTION);
        TspInstance instance = problem.instance();
        for (int i = 0; i < n; i++) {
            assertThat(instance.x(i)).isEqualTo(c.get("x").get(i).asInt());
            assertThat(instance.y(i)).isEqualTo(c.get("y").get(i).asInt());
        }
        TspReference nn = new NearestNeighbourSolver().solve(instance);
        assertThat(nn.tour()).isEqualTo(tour(c.get("nearest_neighbor").get("tour")));
        assertThat(nn.length()).isEqualTo(c.get("nearest_neighbor").get("length").asLong());
        TspReference fi = new FarthestInsertionSolver().solve(instance);
        assertThat(fi.tour()).isEqualTo(tour(c.get("farthest_insertion").get("tour")));
        assertThat(fi.length()).isEqualTo(c.get("farthest_insertion").get("length").asLong());
        assertThat(new HeldKarpSolver().solve(instance).length()).isEqualTo(c.get("dp").get("length").asLong());

        List<Tour> expectedStart = new ArrayList<>();
        c.get("initial").forEach(t -> expectedStart.add(tour(t)));
        assertThat(problem.startingSolutions()).isEqualTo(expectedStart);
        assertThat(problem.startingSolutions()).extracting(instance::reportedLength)
                .containsExactly(toLongs(c.get("initial_lengths")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void metaPromptsAreByteIdentical(JsonNode c) {
        TspProblem problem = TspProblem.reference(c.get("n").asInt(), c.get("seed").asLong(), StartingAlgorithm.FARTHEST_INSERTION);
        List<Evaluation<Tour>> scored = new ArrayList<>();
        for (Tour t : problem.startingSolutions()) {
            scored.add(Evaluation.success(t, t.trace(), 0, problem.evaluate(t).join()));
        }
        assertThat(problem.metaPrompt(scored)).isEqualTo(c.get("meta_prompt_initial").asText());
        for (Tour t : List.of(tour(c.get("nearest_neighbor").get("tour")), tour(c.get("dp").get("tour")))) {
            scored.add(Evaluation.success(t, t.trace(), 1, problem.evaluate(t).join()));
        }
        assertThat(problem.metaPrompt(scored)).isEqualTo(c.get("meta_prompt_more").asText());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void startingToursNeverRepeatTheStartingAlgorithmsTour(JsonNode c) {
        int n = c.get("n").asInt();
        NumpyRandom rng = new NumpyRandom(c.get("seed").asLong());
        TspInstance instance = TspInstance.random(n, rng);
        Tour fi = new FarthestInsertionSolver().solve(instance).tour();
        assertThat(TspProblem.startingTours(rng, n, 20, fi)).allSatisfy(t -> {
            assertThat(t).isNotEqualTo(fi);
            assertThat(t.at(0)).isZero();
            assertThat(t.isPermutationOf(n)).isTrue();
        });
    }

    private static Long[] toLongs(JsonNode array) {
        Long[] out = new Long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
