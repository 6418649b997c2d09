package io.llmopt.opro.numeric.linreg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.opro.numeric.Evaluation;
import io.llmopt.opro.numeric.ReferenceFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Data, starting points, losses and meta-prompts against the Python transcription of the reference. */
class LinearRegressionParityTest {

    static Stream<JsonNode> cases() {
        List<JsonNode> out = new ArrayList<>();
        ReferenceFixtures.get().get("linreg").forEach(out::add);
        return out.stream();
    }

    private static LinearRegressionProblem problem(JsonNode c) {
        return LinearRegressionProblem.reference(c.get("w_true").asLong(), c.get("b_true").asLong(), c.get("seed").asLong(),
                OptimumCriterion.BEST_INTEGER_PAIR);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void noisyTargetsAreBitIdentical(JsonNode c) {
        assertThat(problem(c).data().y()).containsExactly(ReferenceFixtures.doubles(c.get("y")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void startingPointsAndTheirLossesMatch(JsonNode c) {
        LinearRegressionProblem p = problem(c);
        List<WbPair> expected = new ArrayList<>();
        c.get("initial").forEach(pair -> expected.add(new WbPair(pair.get(0).asLong(), pair.get(1).asLong())));
        assertThat(p.startingSolutions()).isEqualTo(expected);
        double[] losses = ReferenceFixtures.doubles(c.get("initial_losses"));
        for (int i = 0; i < losses.length; i++) {
            WbPair s = p.startingSolutions().get(i);
            assertThat(p.data().loss(s.w(), s.b())).isCloseTo(losses[i], org.assertj.core.data.Percentage.withPercentage(1e-10));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void metaPromptsAreByteIdentical(JsonNode c) {
        LinearRegressionProblem p = problem(c);
        List<Evaluation<WbPair>> scored = new ArrayList<>();
        for (WbPair s : p.startingSolutions()) {
            scored.add(Evaluation.success(s, s.key(), 0, p.evaluate(s).join()));
        }
        assertThat(p.metaPrompt(scored)).isEqualTo(c.get("meta_prompt_initial").asText());
        for (JsonNode pair : c.get("extra")) {
            WbPair s = new WbPair(pair.get(0).asLong(), pair.get(1).asLong());
            scored.add(Evaluation.success(s, s.key(), 1, p.evaluate(s).join()));
        }
        assertThat(p.metaPrompt(scored)).isEqualTo(c.get("meta_prompt_more").asText());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void bestIntegerPairAgreesWithBruteForce(JsonNode c) {
        JsonNode best = c.get("best_integer_pair");
        assertThat(problem(c).optimum()).isEqualTo(new WbPair(best.get(0).asLong(), best.get(1).asLong()));
    }
}
