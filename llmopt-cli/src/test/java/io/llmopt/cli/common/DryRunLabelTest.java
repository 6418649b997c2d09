package io.llmopt.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry run's figures are the simulator's: every line of its results is labelled simulated, and no
 * run id (of a throw-away store nobody can open) is printed, so nothing reads as a real result.
 */
class DryRunLabelTest {

    private static final Pattern RUN_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");

    @TempDir
    Path dir;

    private Path prompts() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            lines.add("{\"id\": \"p" + i + "\", \"prompt\": \"Explain idea number " + i + " to a child\", \"category\": \"c" + i % 2 + "\"}");
        }
        return Files.write(dir.resolve("prompts.jsonl"), lines);
    }

    private Path sums() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            lines.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
        }
        return Files.write(dir.resolve("sums.jsonl"), lines);
    }

    private static void assertLabelledWithoutRunIds(CliRunner.Result r, String figure) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> results = Arrays.stream(r.out().split("\n")).filter(l -> !l.isBlank())
                .takeWhile(l -> !l.startsWith("dry run: the real run would make")).toList();
        assertThat(results).anyMatch(l -> l.contains(figure));
        // before: "run 20261204-143452-d659: 12 win, 60 tie, 8 lose" and a bare win-rate table
        assertThat(results).allSatisfy(l -> assertThat(l).startsWith(SimulatedOutput.LABEL));
        assertThat(r.out()).doesNotContainPattern(RUN_ID);
        assertThat(r.err()).doesNotContainPattern(RUN_ID);
    }

    @Test
    void bpoEvalDryRunLabelsItsWinRatesAndNamesNoRun() throws Exception {
        CliRunner.Result r = CliRunner.run("bpo", "eval", "--test-set", prompts().toString(), "--category-field", "category",
                "--model", "openai:gpt-4o-mini", "--dry-run", "--runs-dir", dir.resolve("runs").toString());
        assertLabelledWithoutRunIds(r, "win");
        assertThat(r.out()).contains(SimulatedOutput.LABEL + "dry run: ");
    }

    @Test
    void evaluateDryRunLabelsItsAccuraciesAndKeepsTheEstimateUnlabelled() throws Exception {
        CliRunner.Result r = CliRunner.run("opro", "evaluate", "--dataset", sums().toString(), "--instruction", "Add.",
                "--model", "openai:gpt-4o-mini", "--dry-run", "--runs-dir", dir.resolve("runs").toString());
        assertLabelledWithoutRunIds(r, "Add.");
        assertThat(r.out()).containsPattern("(?m)^dry run: the real run would make");
    }

    @Test
    void aRealRunIsNotLabelled() {
        assertThat(CliRunner.run("opro", "evaluate", "--help").out()).doesNotContain(SimulatedOutput.LABEL);
        assertThat(CliRunner.run("opro", "evaluate", "--help", "--dry-run").out()).doesNotContain(SimulatedOutput.LABEL);
    }
}
