package io.llmopt.opro.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strict mode on the cases where the reference misjudges, and on ordinary outputs it must still
 * grade as the reference does. Each fixture row also records the reference's decision (computed by
 * the reference logic), which reference mode must reproduce: the pair is what docs/grading.md shows.
 */
class StrictModeTest {

    private final Grader strict = new Grader(GradingMode.STRICT);
    private final Grader reference = new Grader(GradingMode.REFERENCE);

    static List<Arguments> cases() {
        return ParityFixtures.load("strict-cases.jsonl");
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("cases")
    void strictFixesTheQuirkAndReferenceKeepsIt(int line, JsonNode c) {
        GradingSettings settings = ParityFixtures.settings(c.get("settings").asText());
        String output = c.get("output").asText();
        String target = c.get("target").asText();
        String input = c.get("input").asText();

        GradeResult strictResult = strict.grade(output, target, settings, input);
        GradeResult referenceResult = reference.grade(output, target, settings, input);

        assertThat(strictResult.mode()).isEqualTo(GradingMode.STRICT);
        assertThat(strictResult.parsedAnswer()).as("strict parsed, case %s", c).isEqualTo(c.get("parsed").asText());
        assertThat(strictResult.correct()).as("strict correct, case %s", c).isEqualTo(c.get("correct").asBoolean());
        if (strictResult.parsedAnswer().isEmpty()) {
            assertThat(strictResult.reason()).isNotEmpty();
        }
        assertThat(referenceResult.correct()).as("reference correct, case %s", c)
                .isEqualTo(c.get("reference_correct").asBoolean());
    }

    @Test
    void strictIsTheDefaultMode() {
        assertThat(new Grader().mode()).isEqualTo(GradingMode.STRICT);
    }

    @Test
    void parserOfEachModeIsAvailableOnItsOwn() {
        GradingSettings gsm8k = GradingCatalog.forDataset("gsm8k");

        assertThat(AnswerParser.forMode(GradingMode.REFERENCE).parse("Answer: 20", gsm8k)).isEmpty();
        assertThat(AnswerParser.forMode(GradingMode.STRICT).parse("Answer: 20", gsm8k)).isEqualTo("20");
    }
}
