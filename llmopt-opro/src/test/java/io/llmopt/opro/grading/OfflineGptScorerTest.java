package io.llmopt.opro.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** The offline grader reproduces every reference decision, the GPT-scorer \boxed{} rule included, per row or per run. */
class OfflineGptScorerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyReferenceDecisionIsReproducedOfflineWithThePerRowSetting() throws Exception {
        List<JsonNode> fixtures = new ArrayList<>();
        StringBuilder in = new StringBuilder();
        int boxed = 0;
        for (Arguments a : ParityFixtures.load("reference-parity.jsonl")) {
            JsonNode c = (JsonNode) a.get()[1];
            fixtures.add(c);
            String key = c.get("settings").asText();
            ObjectNode row = JSON.createObjectNode();
            String name = key.replace("+boxed", "");
            if (name.startsWith("bbh:")) {
                row.put("dataset", "bbh").put("task", name.substring(4));
            } else {
                row.put("dataset", name);
            }
            row.put("output", c.get("output").asText()).put("target", c.get("target").asText())
                    .put("prompt", c.get("input").asText());
            if (key.endsWith("+boxed")) {
                boxed++;
                // Half the rows say so with the flag, half with the scorer's name.
                if (boxed % 2 == 0) {
                    row.put("gpt_scorer", true);
                } else {
                    row.put("scorer", "gpt-4");
                }
            } else {
                row.put("scorer", "text-bison");
            }
            in.append(JSON.writeValueAsString(row)).append('\n');
        }
        StringWriter out = new StringWriter();
        OfflineGrader grader = new OfflineGrader(new Grader(GradingMode.REFERENCE), MalformedLinePolicy.FAIL);
        OfflineGradingReport report = grader.grade(new StringReader(in.toString()), out, "parity.jsonl");

        assertThat(boxed).as("the fixtures exercise the GPT-scorer rule").isGreaterThan(5);
        assertThat(report.graded()).isEqualTo(fixtures.size());
        List<String> graded = new BufferedReader(new StringReader(out.toString())).lines().toList();
        for (int i = 0; i < fixtures.size(); i++) {
            JsonNode expected = fixtures.get(i);
            JsonNode actual = JSON.readTree(graded.get(i));
            assertThat(actual.get("correct").asBoolean()).as("row %s", expected).isEqualTo(expected.get("correct").asBoolean());
            if (expected.get("error").isNull()) {
                assertThat(actual.get("parsed").asText()).as("row %s", expected).isEqualTo(expected.get("parsed").asText());
            }
        }
    }

    @Test
    void theRunDefaultAppliesToRowsWithoutTheirOwnSetting() throws Exception {
        String rows = """
                {"dataset":"gsm8k","output":"\\\\boxed{17} so 18","target":"17"}
                {"dataset":"gsm8k","output":"\\\\boxed{17} so 18","target":"17","gpt_scorer":false}
                {"dataset":"gsm8k","output":"\\\\boxed{17} so 18","target":"17","scorer":"gpt-3.5-turbo"}
                {"dataset":"gsm8k","output":"\\\\boxed{17} so 18","target":"17","scorer":"gpt-4o"}
                """;
        List<Boolean> off = correctness(rows, false);
        List<Boolean> on = correctness(rows, true);

        assertThat(off).containsExactly(false, false, true, false);
        assertThat(on).containsExactly(true, false, true, false);
        assertThat(OfflineGrader.isReferenceGptScorer(" GPT-4 ")).isTrue();
        assertThat(OfflineGrader.isReferenceGptScorer("gpt-4o-mini")).isFalse();
    }

    @Test
    void aGptScorerFlagThatIsNotABooleanIsAMalformedRow() throws Exception {
        OfflineGrader grader = new OfflineGrader(new Grader(GradingMode.REFERENCE), MalformedLinePolicy.SKIP_AND_REPORT);
        OfflineGradingReport report = grader.grade(new StringReader(
                "{\"dataset\":\"gsm8k\",\"output\":\"18\",\"target\":\"18\",\"gpt_scorer\":\"yes\"}\n"), new StringWriter(), "f.jsonl");
        assertThat(report.errors()).singleElement().asString().contains("f.jsonl:1").contains("gpt_scorer");
    }

    private static List<Boolean> correctness(String rows, boolean gptScorer) throws Exception {
        StringWriter out = new StringWriter();
        new OfflineGrader(new Grader(GradingMode.REFERENCE), MalformedLinePolicy.FAIL, gptScorer)
                .grade(new StringReader(rows), out, "rows.jsonl");
        List<Boolean> result = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            result.add(JSON.readTree(line).get("correct").asBoolean());
        }
        return result;
    }
}
