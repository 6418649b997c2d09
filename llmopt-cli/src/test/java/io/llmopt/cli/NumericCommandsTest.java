package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.opro.numeric.store.NumericRunKinds;
import io.llmopt.sim.NumericReplies;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The numeric OPRO commands run in-process against the scripted optimizer on the simulated server. */
@ExtendWith(SimulatedLlmExtension.class)
class NumericCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String[] args(SimulatedLlmServer sim, String... command) {
        sim.reply(NumericReplies.optimizer());
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--model", SimModels.spec(sim, "sim-optimizer"),
                "--runs-dir", dir.resolve("runs").toString(), "--cache", "off", "-q"));
        return all.toArray(String[]::new);
    }

    private List<RunRecord> runs() {
        try (RunStore store = RunStore.open(dir.resolve("runs/runs.db"))) {
            return store.runs();
        }
    }

    @Test
    void linregPrintsThePapersTableAndStoresOneRunPerRepetition(SimulatedLlmServer sim) throws Exception {
        CliRunner.Result r = CliRunner.run(args(sim, "opro", "linreg", "--w", "15", "--b", "14", "--reps", "2", "--steps", "100"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("w_true  b_true  steps").containsPattern("15\\s+14\\s+\\d+\\.\\d ± \\d+\\.\\d\\s+\\d+\\.\\d ± \\d+\\.\\d\\s+2/2");
        assertThat(r.out()).contains("seed 1", "seed 2", "reached at step");
        // each repetition's line, then its report, then the paper's table last
        List<String> lines = r.out().lines().toList();
        List<Integer> reports = java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).startsWith("report: ")).boxed().toList();
        int seed1 = indexOf(lines, "seed 1 ");
        int seed2 = indexOf(lines, "seed 2 ");
        assertThat(reports).hasSize(2);
        assertThat(seed1).isLessThan(reports.get(0));
        assertThat(seed2).isGreaterThan(reports.get(0)).isLessThan(reports.get(1));
        assertThat(indexOf(lines, "w_true  b_true  steps")).isGreaterThan(reports.get(1));
        List<RunRecord> runs = runs();
        assertThat(runs).hasSize(2).allSatisfy(run -> {
            assertThat(run.kind()).isEqualTo(NumericRunKinds.LINREG);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        });
        JsonNode summary = JSON.readTree(runs.get(0).summaryJson());
        assertThat(summary.get("reached_optimum").asBoolean()).isTrue();
        assertThat(summary.get("w_true").asLong()).isEqualTo(15);
        assertThat(JSON.readTree(runs.get(0).configJson()).get("w_true").asLong()).isEqualTo(15);
    }

    @Test
    void tspPrintsPerRunGapsAndTheReferenceUsed(SimulatedLlmServer sim) throws Exception {
        CliRunner.Result r = CliRunner.run(args(sim, "opro", "tsp", "--points", "7", "--reps", "2", "--steps", "30",
                "--start", "nearest-neighbour", "--candidates-per-step", "4"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("seed  reference  best      gap %    NN gap %", "mean gap", "reference: held-karp (exact optimum)");
        assertThat(r.out().lines().filter(l -> l.matches("^[12]\\s+\\d+.*held-karp$"))).hasSize(2);
        JsonNode summary = JSON.readTree(runs().get(0).summaryJson());
        assertThat(summary.get("points")).hasSize(7);
        assertThat(summary.get("reference_method").asText()).isEqualTo("held-karp");
    }

    @Test
    void optimizeFindsTheOptimumOfARealCommandAndComparesBaselinesOnTheSameBudget(SimulatedLlmServer sim) throws Exception {
        Path space = writeSpace();
        Path script = writeObjective();
        CliRunner.Result r = CliRunner.run(args(sim, "opro", "optimize", "--space", space.toString(),
                "--objective", "/bin/sh '" + script + "'", "--max-steps", "80", "--target", "0", "--eval-timeout", "10s",
                "--baselines", "random,nelder-mead"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("optimum reached", "best value 0 at step", "{\"x\":3,\"y\":-1}");
        assertThat(r.out()).containsPattern("step\\s+evaluations\\s+opro\\s+random\\s+nelder-mead");
        assertThat(r.out()).contains("baselines with the same budget of");
        RunRecord run = runs().get(0);
        JsonNode summary = JSON.readTree(run.summaryJson());
        int evaluations = summary.get("evaluations").asInt();
        assertThat(summary.get("best_value").asDouble()).isZero();
        assertThat(summary.get("baselines").get("random").get("evaluations").asInt()).isEqualTo(evaluations);
        assertThat(summary.get("baselines").get("nelder-mead").get("evaluations").asInt()).isLessThanOrEqualTo(evaluations);
        assertThat(JSON.readTree(run.configJson()).get("objective").get(0).asText()).isEqualTo("/bin/sh");
    }

    @Test
    void optimizeResumesAStoredRunWithoutRepeatingItsSteps(SimulatedLlmServer sim) throws Exception {
        Path space = writeSpace();
        String objective = "/bin/sh '" + writeObjective() + "'";
        CliRunner.Result first = CliRunner.run(args(sim, "opro", "optimize", "--space", space.toString(), "--objective", objective,
                "--max-steps", "2", "--baselines", "none"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(sim.requestCount()).isEqualTo(2);
        String runId = runs().get(0).id();

        CliRunner.Result second = CliRunner.run(args(sim, "opro", "optimize", "--space", space.toString(), "--objective", objective,
                "--max-steps", "5", "--baselines", "none", "--resume", runId));

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("run " + runId, "5 steps", "(0 failed)").containsPattern("best value \\d+ at step");
        assertThat(sim.requestCount()).isEqualTo(5);
        assertThat(sim.chatRequests().subList(2, 5)).extracting(q -> q.seed()).containsExactly(3L * 8, 4L * 8, 5L * 8);
        assertThat(runs()).hasSize(1);
    }

    @Test
    void usageErrorsExitWithTwoAndHelpShowsExamples(SimulatedLlmServer sim) throws Exception {
        Path space = writeSpace();
        CliRunner.Result neither = CliRunner.run(args(sim, "opro", "optimize", "--space", space.toString()));
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.err()).contains("exactly one of --objective COMMAND or --objective-url URL");

        CliRunner.Result badStart = CliRunner.run(args(sim, "opro", "tsp", "--points", "5", "--start", "greedy"));
        assertThat(badStart.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badStart.err()).contains("random, nearest-neighbour or farthest-insertion");

        CliRunner.Result help = CliRunner.run("opro", "optimize", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Examples:", "--objective-url", "--eval-concurrency", "--model");
        assertThat(CliRunner.run("opro", "--help").out()).contains("linreg", "tsp", "optimize");
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + part + "' in:\n" + String.join("\n", lines));
    }

    private Path writeSpace() throws Exception {
        Path space = dir.resolve("space.yaml");
        Files.writeString(space, """
                description: Find the settings with the lowest error of the calibration script.
                direction: minimize
                parameters:
                  x: {type: int, min: -10, max: 10}
                  y: {type: int, min: -10, max: 10}
                """);
        return space;
    }

    /** (x − 3)² + (y + 1)² in awk, reading the solution JSON from stdin: no python needed. */
    private Path writeObjective() throws Exception {
        Path script = dir.resolve("objective dir/objective.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, """
                #!/bin/sh
                IFS= read -r line
                printf '%s\\n' "$line" | awk '{
                  match($0, /"x":-?[0-9.]+/); x = substr($0, RSTART + 4, RLENGTH - 4)
                  match($0, /"y":-?[0-9.]+/); y = substr($0, RSTART + 4, RLENGTH - 4)
                  print (x - 3) ^ 2 + (y + 1) ^ 2
                }'
                """);
        return script;
    }
}
