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
                "--runs-dir", dir.resolve("runs").toString(), "--cache", "off", "--no-probe", "-q"));
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

    /** The gap the terminal prints in percent is the gap the report and the dashboard show (not 100 times it). */
    @Test
    void theTspGapIsTheSameInTheTerminalTheReportAndTheDashboard(SimulatedLlmServer sim) throws Exception {
        CliRunner.Result r = CliRunner.run(args(sim, "opro", "tsp", "--points", "10", "--reps", "1", "--steps", "1",
                "--start", "nearest-neighbour", "--candidates-per-step", "1"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        String row = r.out().lines().filter(l -> l.matches("^1\\s+\\d+.*held-karp$")).findFirst().orElseThrow();
        double terminalPercent = Double.parseDouble(row.trim().split("\\s+")[3]);
        assertThat(terminalPercent).as("a run that stops short of the optimum: " + row).isPositive();
        RunRecord run = runs().get(0);

        Path out = dir.resolve("report");
        CliRunner.Result report = CliRunner.run("report", run.id(), "--store", dir.resolve("runs/runs.db").toString(), "-o", out.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        String shown = org.jsoup.Jsoup.parse(out.resolve("report.html").toFile()).select("section#result tr").stream()
                .filter(tr -> tr.childrenSize() == 2 && tr.child(0).text().equals("gap to reference"))
                .map(tr -> tr.child(1).text()).findFirst().orElseThrow();
        assertThat(shown).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%", terminalPercent));

        try (RunStore store = RunStore.open(dir.resolve("runs/runs.db"));
             io.llmopt.web.DashboardServer dashboard = io.llmopt.web.DashboardServer.start(store, io.llmopt.web.DashboardOptions.local(0))) {
            String body = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(dashboard.url().resolve("/api/runs/" + run.id())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(JSON.readTree(body).findValue("gap").asDouble()).as(body)
                    .isCloseTo(terminalPercent / 100, org.assertj.core.data.Offset.offset(1e-4));
        }
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

        // the curves --help promises side by side: stored, drawn in the report, served to the dashboard
        assertThat(summary.get("baselines").get("random").get("best_curve")).hasSize(evaluations);
        JsonNode evaluated = summary.get("evaluations_curve");
        assertThat(evaluated.get(evaluated.size() - 1).asInt()).isEqualTo(evaluations);
        assertThat(r.out()).contains("report: ");
        Path html = Path.of(r.out().lines().filter(l -> l.startsWith("report: ")).findFirst().orElseThrow().substring(8));
        var doc = org.jsoup.Jsoup.parse(html.toFile());
        assertThat(doc.select("figure:has(a[href=baselines.png]) figcaption").text()).contains("for OPRO and for each baseline");
        assertThat(html.resolveSibling("baselines.png")).exists();
    }

    /** A generic endpoint answers prose: every proposal is invalid, and the run says so and fails. */
    @Test
    void optimizeFailsWhenEveryProposalIsInvalid(SimulatedLlmServer sim) throws Exception {
        Path space = writeSpace();
        String[] command = args(sim, "opro", "optimize", "--space", space.toString(), "--objective", "/bin/sh '" + writeObjective() + "'",
                "--max-steps", "3", "--baselines", "none");
        sim.reply("Sure! Here is a thoughtful answer to your question.");

        CliRunner.Result r = CliRunner.run(command);

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).containsPattern("run \\S+ failed: all \\d+ of the optimizer's proposals were invalid \\(no JSON object found \\d+\\)");
        assertThat(runs().get(0).status()).isEqualTo(RunStatus.FAILED);
    }

    /** A dry run proposes solutions of the space (the simulator answers black-box meta-prompts), so it does not fail. */
    @Test
    void optimizeDryRunProposesValidSolutions(SimulatedLlmServer sim) throws Exception {
        Path space = writeSpace();
        CliRunner.Result r = CliRunner.run("opro", "optimize", "--space", space.toString(), "--objective",
                "/bin/sh '" + writeObjective() + "'", "--max-steps", "3", "--baselines", "none", "--dry-run",
                "--model", "openai:gpt-4o-mini", "-q");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("proposals were invalid").contains("dry run: the real run would make");
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
