package io.llmopt.opro.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reference mode against decisions computed by running the reference's own grading logic
 * (metrics.get_normalized_prediction, eval_utils._get_accuracy and the surrounding pipeline of
 * evaluate_single_instruction) on realistic scorer outputs for every data set and answer type.
 */
class ReferenceParityTest {

    private final Grader grader = new Grader(GradingMode.REFERENCE);

    static List<Arguments> cases() {
        return ParityFixtures.load("reference-parity.jsonl");
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("cases")
    void decidesAsTheReference(int line, JsonNode c) {
        GradingSettings settings = ParityFixtures.settings(c.get("settings").asText());
        GradeResult result = grader.grade(c.get("output").asText(), c.get("target").asText(), settings,
                c.get("input").asText());

        String error = ParityFixtures.text(c, "error");
        assertThat(result.mode()).isEqualTo(GradingMode.REFERENCE);
        assertThat(result.correct()).as("correct, case %s", c).isEqualTo(c.get("correct").asBoolean());
        if (error == null) {
            assertThat(result.parsedAnswer()).as("parsed, case %s", c).isEqualTo(c.get("parsed").asText());
            assertThat(result.reason()).isEmpty();
        } else {
            assertThat(result.reason()).as("the reference raises %s here", error).contains(error);
            String parsed = ParityFixtures.text(c, "parsed");
            assertThat(result.parsedAnswer()).isEqualTo(parsed == null ? "" : parsed);
        }
    }
}
