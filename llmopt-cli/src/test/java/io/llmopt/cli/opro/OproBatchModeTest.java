package io.llmopt.cli.opro;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.SimCli;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * opro prompt in batch mode against the simulated provider: {@code --batch test} batches the final
 * test alone, {@code --batch all} every call, with racing too; the results are those of the live run.
 */
class OproBatchModeTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    @TempDir
    Path dir;
    private Path data;

    /**
     * Fast polls and a short quiet interval, so a test's jobs are submitted and followed quickly;
     * long enough that a phase's calls, issued together, make one job on a busy machine.
     */
    private static final List<String> FAST = List.of(
            "--set", "models.optimizer.batch.poll_seconds=0.02", "--set", "models.scorer.batch.poll_seconds=0.02",
            "--set", "models.optimizer.batch.quiet_ms=150", "--set", "models.scorer.batch.quiet_ms=150");

    @BeforeEach
    void script() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
        }
        data = Files.write(dir.resolve("sums.jsonl"), lines);
        sim.replyWhen("Your task is to generate the instruction", (r, s) ->
                r.seed() != null && r.seed() % 2 == 0 ? "<INS>Let's add carefully.</INS>" : "<INS>Be brief.</INS>");
        sim.reply(OproBatchModeTest::answer);
    }

    private static String answer(SimRequest request, int sample) {
        Matcher m = Pattern.compile("What is (\\d+) plus").matcher(request.lastUserMessage());
        if (!m.find()) {
            return "?";
        }
        int n = Integer.parseInt(m.group(1));
        return "The answer is " + (request.lastUserMessage().contains("add") ? 2 * n : 2 * n + 1) + ".";
    }

    private CliRunner.Result prompt(String... extra) {
        return prompt(10, extra);
    }

    private CliRunner.Result prompt(int trainCount, String... extra) {
        List<String> args = new ArrayList<>(List.of("opro", "prompt", "--dataset", data.toString(), "--train-count",
                String.valueOf(trainCount),
                "--steps", "2", "--candidates-per-step", "2", "--evaluate-every", "0", "--top-k", "1"));
        args.addAll(List.of(extra));
        if (List.of(extra).contains("--batch")) {
            args.addAll(FAST);
        }
        return new SimCli(sim, dir).run(args.toArray(String[]::new));
    }

    private long liveCalls() {
        return chatRequests() - sim.batchRequestsExecuted();
    }

    private long chatRequests() {
        return sim.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")).count();
    }

    /** The test split's questions: what is left of the 30 after 10 for training (none for validation here). */
    private static final int TEST_QUESTIONS = 20;

    @Test
    void batchTestSendsTheFinalTestAloneThroughOneJobAndTheStepsLive() {
        CliRunner.Result live = prompt();
        assertThat(live.exitCode()).as(live.err()).isEqualTo(ExitCodes.OK);
        long liveTotal = chatRequests();
        sim.clear();

        CliRunner.Result batched = prompt("--batch", "test");
        assertThat(batched.exitCode()).as(batched.err()).isEqualTo(ExitCodes.OK);
        // the best instruction and the baseline on the test split, in one job; the steps made live
        assertThat(sim.batchCount()).isEqualTo(1);
        assertThat(sim.batchRequestsExecuted()).isEqualTo(2L * TEST_QUESTIONS);
        assertThat(liveCalls()).isEqualTo(liveTotal - 2L * TEST_QUESTIONS);
        assertThat(table(batched.out())).isEqualTo(table(live.out()));
        assertThat(batched.out()).contains("best instruction (train 1.000): Let's add carefully.");
    }

    @Test
    void aBareBatchOnOproPromptMeansTheFinalTestOnly() {
        CliRunner.Result batched = prompt("--batch");
        assertThat(batched.exitCode()).as(batched.err()).isEqualTo(ExitCodes.OK);
        assertThat(sim.batchCount()).isEqualTo(1);
        assertThat(sim.batchRequestsExecuted()).isEqualTo(2L * TEST_QUESTIONS);
        assertThat(liveCalls()).isPositive();
    }

    @Test
    void batchAllSendsEveryCallOfEveryStepThroughJobsAndTheReportListsTheJobs() throws Exception {
        CliRunner.Result live = prompt();
        sim.clear();
        CliRunner.Result batched = prompt("--batch", "all");
        assertThat(batched.exitCode()).as(batched.err()).isEqualTo(ExitCodes.OK);
        assertThat(liveCalls()).isZero();
        // step 0, each step's optimizer samples, the scoring of new candidates (step 2 proposes only
        // instructions seen before), and the final test: a job at a time, each waited for
        assertThat(sim.batchCount()).isEqualTo(5);
        assertThat(table(batched.out())).isEqualTo(table(live.out()));
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.runs().get(0).id();
            List<EventRecord> ended = store.events(runId).stream().filter(e -> e.type().equals("batch.ended")).toList();
            assertThat(ended).hasSize(sim.batchCount());
            assertThat(ended).allSatisfy(e -> assertThat(e.dataJson()).contains("\"status\":\"completed\"")
                    .containsPattern("\"batch_id\":\"batch_\\w+\"").contains("\"saved\":").contains("\"duration_ms\":"));
            assertThat(store.events(runId)).filteredOn(e -> e.type().equals("batch.submitted")).hasSize(sim.batchCount());
            // the run's report lists every job
            String report = Files.readString(dir.resolve("runs").resolve(runId).resolve("report.md"));
            assertThat(report).contains("Batch jobs").contains(sim.batchCount() + " job(s); saved");
            assertThat(report.lines().filter(l -> l.matches("\\| batch_\\w+ \\| (optimizer|scorer) \\|.*\\| completed \\|.*")))
                    .hasSize(sim.batchCount());
        }
    }

    /**
     * Racing keeps a window of calls in flight and starts the next ones as results arrive: in
     * batch mode each window is a job, and the step goes on job after job until every candidate is
     * decided.
     */
    @Test
    void racingInBatchModeBatchesEachWindowAndDropsTheSameCandidate() {
        CliRunner.Result live = prompt(25, "--evaluation", "racing");
        assertThat(live.exitCode()).as(live.err()).isEqualTo(ExitCodes.OK);
        long liveTotal = chatRequests();
        sim.clear();
        CliRunner.Result batched = prompt(25, "--evaluation", "racing", "--batch", "all",
                "--set", "opro.racing_max_in_flight=4");
        assertThat(batched.exitCode()).as(batched.err()).isEqualTo(ExitCodes.OK);
        assertThat(liveCalls()).isZero();
        assertThat(batched.out()).contains("best instruction (train 1.000): Let's add carefully.")
                .containsPattern("racing: 1 of \\d+ candidates dropped early");
        // a window of 4 calls in flight: the step's scoring takes several jobs, none larger than the window
        assertThat(sim.batchCount()).isGreaterThan(6);
        assertThat(chatRequests()).isLessThanOrEqualTo(liveTotal + 4);
    }

    @Test
    void batchTestIsRefusedByACommandWithoutAFinalTest() {
        CliRunner.Result r = new SimCli(sim, dir).run("opro", "evaluate", "--dataset", data.toString(),
                "--instruction", "Let's add carefully.", "--batch", "test");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).contains("--batch test").doesNotContain("\n");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void aDryRunPricesTheRunWithAndWithoutBatchMode() {
        CliRunner.Result dry = new SimCli(sim, dir).run("opro", "prompt", "--dataset", data.toString(), "--train-count", "10",
                "--steps", "2", "--candidates-per-step", "2", "--evaluate-every", "0", "--dry-run",
                "--set", "models.optimizer.price.prompt_per_million=1", "--set", "models.optimizer.price.completion_per_million=4",
                "--set", "models.scorer.price.prompt_per_million=1", "--set", "models.scorer.price.completion_per_million=4");
        assertThat(dry.exitCode()).as(dry.err()).isEqualTo(ExitCodes.OK);
        double total = dollars(dry.out(), "estimated cost: ");
        double without = dollars(dry.out(), "without batch mode: ");
        double test = dollars(dry.out(), "with --batch test: ");
        double all = dollars(dry.out(), "with --batch all: ");
        assertThat(without).isEqualTo(total).isPositive();
        assertThat(all).isCloseTo(total / 2, org.assertj.core.data.Offset.offset(0.0001));
        // the final test (4 of the run's 5 instructions' splits are training ones) is only part of the run
        assertThat(test).isLessThan(without).isGreaterThan(all);
        assertThat(sim.batchCount()).isZero();
    }

    private static double dollars(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*\\$(\\d+\\.\\d+)").matcher(text);
        assertThat(m.find()).as(label + " in: " + text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** The final evaluation's table rows (rank, accuracies, interval, instruction). */
    private static List<String> table(String out) {
        return out.lines().filter(l -> l.matches("^(\\d+|B) +\\S.*")).toList();
    }
}
