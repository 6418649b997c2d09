package io.llmopt.cli.opro;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SimulatedLlmExtension.class)
class OproSweepCommandTest {

    @TempDir
    Path dir;

    private Path data;
    private Path sweepFile;

    @BeforeEach
    void writeFiles() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
        }
        data = Files.write(dir.resolve("sums.jsonl"), lines);
        sweepFile = Files.writeString(dir.resolve("per-step.yaml"), """
                name: per step
                repetitions: 2
                instructions_per_run: 4
                base: {evaluate_every: 0, final_top_k: 1}
                grid:
                  candidates_per_step: [1, 2]
                """);
    }

    private static void script(SimulatedLlmServer sim) {
        sim.replyWhen("Your task is to generate the instruction", (r, s) ->
                r.seed() != null && r.seed() % 3 == 0 ? "<INS>Let's add carefully " + r.seed() + ".</INS>"
                        : "<INS>Be brief " + r.seed() + ".</INS>");
        sim.reply(OproSweepCommandTest::answer);
    }

    private static String answer(SimRequest request, int sample) {
        String prompt = request.lastUserMessage();
        Matcher m = Pattern.compile("What is (\\d+) plus").matcher(prompt);
        if (!m.find()) {
            return "?";
        }
        int n = Integer.parseInt(m.group(1));
        return "The answer is " + (prompt.contains("add") ? 2 * n : 2 * n + 1) + ".";
    }

    /** The sweep against the simulator with this test's store and a response cache in the test folder. */
    private CliRunner.Result sweep(SimulatedLlmServer sim, String... more) {
        List<String> args = new ArrayList<>(List.of("opro", "sweep", sweepFile.toString(), "--dataset", data.toString(),
                "--train-count", "8",
                "--model", SimModels.spec(sim), "--store", dir.resolve("runs.db").toString(),
                "--runs-dir", dir.resolve("runs").toString(), "--set", "cache.path=" + dir.resolve("cache.db"), "--quiet"));
        args.addAll(List.of(more));
        return CliRunner.run(args);
    }

    @Test
    void aDryRunPricesEverySettingAndStoresNothing(SimulatedLlmServer sim) {
        script(sim);
        CliRunner.Result r = sweep(sim, "--dry-run");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).containsPattern("1 +candidates_per_step=1 +2 +4 +[0-9,]+ ")
                .containsPattern("2 +candidates_per_step=2 +2 +2 +[0-9,]+ ")
                .contains("dry run: the real run would make").contains("estimated cost:");
        assertThat(sim.requestCount()).isZero();
        assertThat(dir.resolve("runs.db")).doesNotExist();
    }

    @Test
    void runsTheGridWritesTheAblationReportAndRunningTheFileAgainPaysNothing(SimulatedLlmServer sim) throws Exception {
        script(sim);
        CliRunner.Result r = sweep(sim);

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("2 settings x 2 repetitions = 4 runs, 2 at a time")
                .containsPattern("✓ s01-r1 candidates_per_step=2 · seed 1: completed")
                .containsPattern("(?m)^1 +candidates_per_step=1 +2/2 +\\d+\\.\\d% ")
                .contains("4 of 4 runs completed (0 kept");
        String sweepId;
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunRecord sweep = store.runs().stream().filter(x -> x.kind().equals(RunKinds.OPRO_SWEEP)).findFirst().orElseThrow();
            sweepId = sweep.id();
            assertThat(sweep.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(store.runs().stream().filter(x -> x.kind().equals(RunKinds.OPRO_PROMPT)))
                    .hasSize(4).allSatisfy(x -> assertThat(x.configJson()).contains("\"id\":\"" + sweepId + "\""));
        }
        Path report = dir.resolve("runs").resolve(sweepId);
        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).contains("Ablation figures").contains("best training accuracy so far at each step")
                .contains("with its 95% Wilson interval").contains("the model calls its runs made").contains("candidates_per_step=2")
                .contains("/report.html\">"); // each run linked
        assertThat(report.resolve("sweep-training.svg")).exists();
        if (System.getenv("SWEEP_REPORT_OUT") != null) {
            Files.copy(report.resolve("report.md"), Path.of(System.getenv("SWEEP_REPORT_OUT")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(Path.of(System.getenv("SWEEP_REPORT_OUT") + ".out"), r.out());
        }
        assertThat(report.resolve("sweep-test.png")).exists();
        assertThat(report.resolve("sweep-cost.svg")).exists();

        int requests = sim.requestCount();
        CliRunner.Result again = sweep(sim);
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("continuing sweep " + sweepId).contains("4 of 4 runs completed (4 kept");
        assertThat(sim.requestCount()).isEqualTo(requests);

        CliRunner.Result fresh = sweep(sim, "--new");
        assertThat(fresh.exitCode()).as(fresh.err()).isEqualTo(ExitCodes.OK);
        assertThat(fresh.out()).doesNotContain("continuing");
        assertThat(sim.requestCount()).as("a new sweep of the same grid is answered by the shared cache").isEqualTo(requests);
    }

    @Test
    void aBadSweepFileIsAUsageErrorNamingItsLine(SimulatedLlmServer sim) throws Exception {
        script(sim);
        Files.writeString(sweepFile, "grid:\n  candidates_per_step: [1, 2]\n  temprature: [0.5]\n");
        CliRunner.Result r = sweep(sim);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("temprature");
        assertThat(dir.resolve("runs.db")).doesNotExist();
        assertThat(sim.requestCount()).isZero();
    }
}
