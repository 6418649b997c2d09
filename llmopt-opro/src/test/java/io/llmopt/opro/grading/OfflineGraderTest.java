package io.llmopt.opro.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineGraderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("outputs.jsonl");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private List<JsonNode> rows(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void gradesEveryRowAndCountsAccuracy() throws IOException {
        Path in = write(
                "{\"dataset\": \"gsm8k\", \"output\": \"The answer is 18.\", \"target\": 18}",
                "{\"dataset\": \"bbh\", \"task\": \"navigate\", \"output\": \"So the answer is No.\", \"target\": \"Yes\"}",
                "{\"answer_type\": \"multiple_choice\", \"question\": \"Red planet?\", \"options\": [\"Venus\", \"Mars\"],"
                        + " \"output\": \"Mars\", \"target\": \"B\"}",
                "",
                "{\"answer_type\": \"boolean\", \"output\": \"invalid\", \"target\": \"valid\"}");
        Path out = dir.resolve("graded.jsonl");

        OfflineGradingReport report = new OfflineGrader(new Grader(), MalformedLinePolicy.FAIL).grade(in, out);

        assertThat(report.graded()).isEqualTo(4);
        assertThat(report.correct()).isEqualTo(2);
        assertThat(report.accuracy()).isEqualTo(0.5);
        assertThat(report.mode()).isEqualTo(GradingMode.STRICT);
        List<JsonNode> rows = rows(out);
        assertThat(rows).extracting(r -> r.get("correct").asBoolean()).containsExactly(true, false, true, false);
        assertThat(rows).extracting(r -> r.get("parsed").asText()).containsExactly("18", "no", "B", "invalid");
        assertThat(rows.get(0).get("mode").asText()).isEqualTo("strict");
        assertThat(rows.get(0).get("target").asInt()).isEqualTo(18);
    }

    @Test
    void referenceModeKeepsTheReferenceDecisions() throws IOException {
        Path in = write("{\"answer_type\": \"boolean\", \"output\": \"invalid\", \"target\": \"valid\"}",
                "{\"dataset\": \"gsm8k\", \"output\": \"Answer: 20\", \"target\": \"20\"}");

        OfflineGradingReport report = new OfflineGrader(new Grader(GradingMode.REFERENCE), MalformedLinePolicy.FAIL)
                .grade(in, dir.resolve("graded.jsonl"));

        assertThat(report.correct()).isEqualTo(1);
        assertThat(rows(dir.resolve("graded.jsonl")).get(1).get("parsed").asText()).isEmpty();
    }

    @Test
    void skipsAndReportsMalformedLinesWithFileAndLineNumber() throws IOException {
        Path in = write(
                "{\"dataset\": \"gsm8k\", \"output\": \"18\", \"target\": \"18\"}",
                "{not json",
                "{\"dataset\": \"gsm8k\", \"target\": \"18\"}",
                "{\"dataset\": \"bbh\", \"task\": \"no_such_task\", \"output\": \"1\", \"target\": \"1\"}",
                "[1, 2]",
                "{\"output\": \"1\", \"target\": \"1\"}");

        OfflineGradingReport report = new OfflineGrader(new Grader(), MalformedLinePolicy.SKIP_AND_REPORT)
                .grade(in, dir.resolve("graded.jsonl"));

        assertThat(report.graded()).isEqualTo(1);
        assertThat(report.malformed()).isEqualTo(5);
        assertThat(report.errors()).allSatisfy(e -> assertThat(e).startsWith(in + ":").doesNotContain("\n"));
        assertThat(report.errors().get(0)).startsWith(in + ":2: not valid JSON");
        assertThat(report.errors().get(1)).isEqualTo(in + ":3: missing 'output'");
        assertThat(report.errors().get(2)).contains(":4: unknown BBH task 'no_such_task'");
        assertThat(report.errors().get(3)).contains(":5: expected a JSON object");
        assertThat(report.errors().get(4)).contains(":6: needs 'dataset' or 'answer_type'");
    }

    @Test
    void failPolicyStopsAtTheFirstMalformedLine() throws IOException {
        Path in = write("{\"dataset\": \"gsm8k\", \"output\": \"18\", \"target\": \"18\"}", "{\"dataset\": \"gsm8k\"}");

        assertThatThrownBy(() -> new OfflineGrader(new Grader(), MalformedLinePolicy.FAIL).grade(in, dir.resolve("g.jsonl")))
                .isInstanceOf(OfflineGradingException.class)
                .hasMessage(in + ":2: missing 'output'");
    }
}
