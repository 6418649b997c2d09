package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.SimCli;
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
 * {@code llmopt bpo eval --dry-run}: the estimate's call count is exactly what the same run makes
 * against an endpoint giving the simulator's replies, and the dry run writes none of the user's
 * files (no store, no run folder, no export) nor fails a --fail-under gate on simulated verdicts.
 */
@ExtendWith(SimulatedLlmExtension.class)
class BpoEvalDryRunTest {

    private static final Pattern CALLS = Pattern.compile("would make ([\\d,]+) model calls");

    @TempDir
    Path dir;

    private Path prompts() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            lines.add("{\"id\": \"p" + i + "\", \"prompt\": \"Explain idea number " + i + " to a child\", \"category\": \"c" + i % 2 + "\"}");
        }
        return Files.write(dir.resolve("prompts.jsonl"), lines);
    }

    private static long calls(String text) {
        Matcher m = CALLS.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private void assertDryRunCountsTheRealCalls(SimulatedLlmServer sim, List<String> command) throws Exception {
        Path export = dir.resolve("judgements.jsonl");
        List<String> dry = new ArrayList<>(command);
        dry.addAll(List.of("--model", "openai:gpt-4o-mini", "--dry-run", "--export", export.toString(), "--fail-under", "0.99",
                "--runs-dir", dir.resolve("runs").toString()));
        CliRunner.Result estimate = CliRunner.run(dry.toArray(String[]::new));
        assertThat(estimate.exitCode()).as(estimate.err()).isEqualTo(ExitCodes.OK);
        assertThat(estimate.err()).contains("rewriter").contains("responder").contains("judge").contains("estimated cost: $");
        assertThat(dir.resolve("runs")).doesNotExist();
        assertThat(export).doesNotExist();

        sim.reply(new PlausibleReplies());
        List<String> real = new ArrayList<>(command);
        // a dry run does not count the capability probe's few calls (once per endpoint, kept across runs)
        real.addAll(List.of("--model", SimModels.spec(sim, "gpt-4o-mini"), "--no-probe",
                "--store", dir.resolve("runs.db").toString(), "--runs-dir", dir.resolve("runs").toString()));
        CliRunner.Result actual = CliRunner.run(real.toArray(String[]::new));
        assertThat(actual.exitCode()).as(actual.err()).isEqualTo(ExitCodes.OK);
        assertThat((long) sim.requestCount()).isEqualTo(calls(estimate.err()));
    }

    @Test
    void twoOrderEvalDryRunCountsExactlyTheCallsOfTheRealRun(SimulatedLlmServer sim) throws Exception {
        assertDryRunCountsTheRealCalls(sim, List.of("bpo", "eval", "--test-set", prompts().toString(),
                "--category-field", "category", "--cache", "off", "--quiet"));
        assertThat(sim.requestCount()).isEqualTo(15 * 5);
    }

    @Test
    void randomOrderEvalWithTwoRoundsDryRunCountsExactlyTheCallsOfTheRealRun(SimulatedLlmServer sim) throws Exception {
        assertDryRunCountsTheRealCalls(sim, List.of("bpo", "eval", "--test-set", prompts().toString(), "--rounds", "2",
                "--judge-method", "random-order", "--cache", "off", "--quiet"));
        // two rewrite rounds, two responses, one judge call
        assertThat(sim.requestCount()).isEqualTo(15 * 5);
    }
}
