package io.llmopt.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.sim.PlausibleReplies;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dry-run} runs the whole pipeline against the built-in simulator: its call count must be
 * exactly what the same run makes against a real endpoint giving the same replies, and it touches
 * nothing of the user's (no store, no run folder, no key needed).
 */
@ExtendWith(SimulatedLlmExtension.class)
class DryRunTest {

    private static final Pattern CALLS = Pattern.compile("would make ([\\d,]+) model calls");

    @TempDir
    Path dir;



    private Path sums() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
        }
        return Files.write(dir.resolve("sums.jsonl"), lines);
    }

    private static long calls(String out) {
        Matcher m = CALLS.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void promptDryRunCountsExactlyTheCallsOfTheRealRun(SimulatedLlmServer sim) throws Exception {
        Path data = sums();
        List<String> common = List.of("opro", "prompt", "--dataset", data.toString(), "--steps", "2", "--quiet",
                "--runs-dir", dir.resolve("runs").toString(), "--cache", "off");

        List<String> dry = new ArrayList<>(common);
        dry.addAll(List.of("--model", "openai:gpt-4o-mini", "--dry-run"));
        CliRunner.Result estimate = CliRunner.run(dry.toArray(String[]::new));
        assertThat(estimate.exitCode()).as(estimate.err()).isZero();
        assertThat(estimate.out()).contains("optimizer").contains("scorer").containsPattern("estimated cost: \\$0\\.\\d{3}[1-9]");
        assertThat(dir.resolve("runs")).doesNotExist();

        sim.reply(new PlausibleReplies());
        List<String> real = new ArrayList<>(common);
        // a dry run does not count the capability probe's few calls (once per endpoint, kept across runs)
        real.addAll(List.of("--model", SimModels.spec(sim, "gpt-4o-mini"), "--no-probe"));
        CliRunner.Result actual = CliRunner.run(real.toArray(String[]::new));
        assertThat(actual.exitCode()).as(actual.err()).isZero();
        assertThat(sim.requestCount()).isEqualTo(calls(estimate.out()));
    }

    @Test
    void noTestLeavesTheFinalTestOutAndTheDryRunSaysSo() throws Exception {
        Path data = sums();
        List<String> common = List.of("opro", "prompt", "--dataset", data.toString(), "--steps", "1", "--quiet",
                "--runs-dir", dir.resolve("runs").toString(), "--cache", "off", "--model", "openai:gpt-4o-mini", "--dry-run");
        CliRunner.Result withTest = CliRunner.run(common.toArray(String[]::new));
        assertThat(withTest.exitCode()).as(withTest.err()).isZero();
        assertThat(withTest.out()).containsPattern("final test: the best 3 instruction\\(s\\) and the baseline on \\d+ test examples");

        for (String off : List.of("--no-test", "--top-k=0")) {
            List<String> args = new ArrayList<>(common);
            args.add(off);
            CliRunner.Result none = CliRunner.run(args.toArray(String[]::new));
            assertThat(none.exitCode()).as(none.err()).isZero();
            assertThat(none.out()).as(off).contains("final test: none (--no-test or --top-k 0)");
            assertThat(calls(none.out())).as(off).isLessThan(calls(withTest.out()));
        }
    }

    @Test
    void numericDryRunCountsExactlyTheCallsOfTheRealRun(SimulatedLlmServer sim) {
        List<String> common = List.of("opro", "linreg", "--w", "15", "--b", "14", "--reps", "1", "--steps", "4", "-q",
                "--runs-dir", dir.resolve("runs").toString(), "--cache", "off");
        List<String> dry = new ArrayList<>(common);
        dry.addAll(List.of("--model", "vllm:http://gpu-box:8000/v1#Qwen2.5-7B-Instruct", "--dry-run"));
        CliRunner.Result estimate = CliRunner.run(dry.toArray(String[]::new));
        assertThat(estimate.exitCode()).as(estimate.err()).isZero();
        assertThat(estimate.out()).contains("some models have no price");

        sim.reply(new PlausibleReplies());
        List<String> real = new ArrayList<>(common);
        // a dry run does not count the capability probe's few calls (once per endpoint, kept across runs)
        real.addAll(List.of("--model", SimModels.spec(sim, "Qwen2.5-7B-Instruct"), "--no-probe"));
        CliRunner.Result actual = CliRunner.run(real.toArray(String[]::new));
        assertThat(actual.exitCode()).as(actual.err()).isZero();
        assertThat(sim.requestCount()).isEqualTo(calls(estimate.out()));
    }

    @Test
    void aRacingDryRunEstimatesFullEvaluationTheMostTheRunCanSpend() throws Exception {
        Path data = sums();
        List<String> common = List.of("opro", "prompt", "--dataset", data.toString(), "--steps", "2", "--quiet",
                "--runs-dir", dir.resolve("runs").toString(), "--cache", "off", "--model", "openai:gpt-4o-mini",
                "--dry-run");
        CliRunner.Result full = CliRunner.run(common.toArray(String[]::new));
        List<String> racing = new ArrayList<>(common);
        racing.addAll(List.of("--evaluation", "racing"));
        CliRunner.Result raced = CliRunner.run(racing.toArray(String[]::new));

        assertThat(raced.exitCode()).as(raced.err()).isZero();
        assertThat(calls(raced.out())).isEqualTo(calls(full.out()));
        assertThat(raced.out()).contains("--evaluation racing: these are full evaluation's calls");
        assertThat(full.out()).doesNotContain("--evaluation racing");
    }
}
