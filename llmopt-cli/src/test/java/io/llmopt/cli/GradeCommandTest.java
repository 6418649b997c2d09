package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradeCommandTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws Exception {
        Path f = dir.resolve("outputs.jsonl");
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void gradesAFileAndWritesParsedAnswers() throws Exception {
        Path in = write(
                "{\"dataset\":\"gsm8k\",\"output\":\"She pays 3 * 6 = 18 dollars. The answer is 18.\",\"target\":\"18\"}",
                "{\"dataset\":\"gsm8k\",\"output\":\"So the total is 20.\",\"target\":\"18\"}",
                "{\"dataset\":\"bbh\",\"task\":\"navigate\",\"output\":\"Yes, you return to the start.\",\"target\":\"Yes\"}");
        CliRunner.Result r = CliRunner.run("grade", in.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("accuracy 0.6667 (2 of 3 correct, strict mode)");
        List<String> graded = Files.readAllLines(dir.resolve("outputs.graded.jsonl"));
        assertThat(graded).hasSize(3);
        JsonNode first = new ObjectMapper().readTree(graded.get(0));
        assertThat(first.get("parsed").asText()).isEqualTo("18");
        assertThat(first.get("correct").asBoolean()).isTrue();
    }

    @Test
    void failUnderIsACiGate() throws Exception {
        Path in = write("{\"dataset\":\"gsm8k\",\"output\":\"The answer is 7.\",\"target\":\"8\"}");
        CliRunner.Result r = CliRunner.run("grade", in.toString(), "--fail-under", "0.5");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains("below --fail-under");
    }

    @Test
    void malformedLineNamesFileAndLineWithUsageExitCode() throws Exception {
        Path in = write("{\"dataset\":\"gsm8k\",\"output\":\"8\",\"target\":\"8\"}", "{not json");
        CliRunner.Result skip = CliRunner.run("grade", in.toString());
        assertThat(skip.exitCode()).isZero();
        assertThat(skip.err()).contains("outputs.jsonl:2");
        CliRunner.Result fail = CliRunner.run("grade", in.toString(), "--fail-on-malformed");
        assertThat(fail.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fail.err()).contains("outputs.jsonl:2").doesNotContain("Exception");
        assertThat(fail.err().strip().lines()).hasSize(1);
    }

    @Test
    void missingFileIsAOneLineUsageError() {
        CliRunner.Result r = CliRunner.run("grade", dir.resolve("nope.jsonl").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).startsWith("llmopt: no such file:").contains("nope.jsonl");
    }

    @Test
    void gptScorerFlagReproducesTheReferenceBoxedRulePerRunAndARowCanOverrideIt() throws Exception {
        Path in = write(
                "{\"dataset\":\"gsm8k\",\"output\":\"\\\\boxed{17} so 18\",\"target\":\"17\"}",
                "{\"dataset\":\"gsm8k\",\"output\":\"\\\\boxed{17} so 18\",\"target\":\"17\",\"scorer\":\"text-bison\"}");
        CliRunner.Result plain = CliRunner.run("grade", in.toString(), "--mode", "reference");
        assertThat(plain.out()).contains("(0 of 2 correct, reference mode)");
        CliRunner.Result gpt = CliRunner.run("grade", in.toString(), "--mode", "reference", "--gpt-scorer");
        assertThat(gpt.exitCode()).isZero();
        assertThat(gpt.out()).contains("(1 of 2 correct, reference mode)");
        JsonNode first = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("outputs.graded.jsonl")).get(0));
        assertThat(first.get("parsed").asText()).isEqualTo("17");
    }
}
