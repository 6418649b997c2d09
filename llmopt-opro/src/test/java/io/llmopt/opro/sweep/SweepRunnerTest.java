package io.llmopt.opro.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.Workspace;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.prompt.PromptOptimizationConfig;
import io.llmopt.opro.prompt.TaskGrading;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SimulatedLlmExtension.class)
class SweepRunnerTest {

    private static final PromptOptimizationConfig BASE = PromptOptimizationConfig.reference().toBuilder()
            .steps(2).candidatesPerStep(2).evaluateEvery(0).finalTopK(1).scorerMaxTokens(32).optimizerMaxTokens(32).build();

    @TempDir
    Path dir;

    /** The optimizer proposes an "add" instruction for even seeds; the scorer is right only with "add" in the prompt. */
    private static void script(SimulatedLlmServer sim) {
        sim.replyWhen("Your task is to generate the instruction", (r, s) ->
                r.seed() != null && r.seed() % 2 == 0 ? "<INS>Let's add carefully " + r.seed() + ".</INS>"
                        : "<INS>Be brief " + r.seed() + ".</INS>");
        sim.reply(SweepRunnerTest::answer);
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

    private static List<Example> examples(int from, int count) {
        List<Example> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(Example.of("sums", "sums", i, "What is " + i + " plus " + i + "?", String.valueOf(2 * i)));
        }
        return out;
    }

    private static final SweepData DATA = new SweepData(examples(1, 6), List.of(), examples(100, 5),
            TaskGrading.forDataset("gsm8k"), null);

    private LoadedConfig config(SimulatedLlmServer sim, String... more) {
        List<String> flags = new ArrayList<>(List.of(
                "models.sim.spec=" + SimModels.spec(sim),
                "models.sim.max_concurrency=8",
                "roles.optimizer=sim",
                "roles.scorer=sim",
                "store.path=" + dir.resolve("runs.db"),
                "runs_dir=" + dir.resolve("runs"),
                "cache.path=" + dir.resolve("responses.db")));
        flags.addAll(List.of(more));
        return new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(flags, "--set")).load();
    }

    private static SweepPlan plan(String yaml) {
        return SweepPlan.of(SweepSpec.parse(yaml, "sweep.yaml"), BASE, "sweep.yaml");
    }

    @Test
    void runsEveryCellAsAnOproPromptRunTaggedWithTheSweepAtMostParallelRunsAtATime(SimulatedLlmServer sim) {
        script(sim);
        sim.latency(Duration.ofMillis(2));
        SweepPlan plan = plan("""
                repetitions: 2
                grid:
                  candidates_per_step: [1, 2, 3]
                """);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (Workspace ws = Workspace.open(config(sim), Map.of());
             ActiveRun sweep = ws.startRun(RunKinds.OPRO_SWEEP, "grid", null)) {
            SweepResult result = SweepRunner.builder().workspace(ws).plan(plan).data(DATA).parallelRuns(2)
                    .onCellStart(c -> most.accumulateAndGet(running.incrementAndGet(), Math::max))
                    .onCellEnd(o -> running.decrementAndGet())
                    .build().run(sweep);

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(result.outcomes()).hasSize(6).allSatisfy(o -> assertThat(o.completed()).isTrue());
            assertThat(most.get()).isEqualTo(2);
            List<RunRecord> members = ws.store().runs().stream().filter(r -> r.kind().equals(RunKinds.OPRO_PROMPT)).toList();
            assertThat(members).hasSize(6).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(r.configJson()).contains("\"sweep\":{\"id\":\"" + sweep.id() + "\"");
            });
            assertThat(members).extracting(RunRecord::name).contains("grid · candidates_per_step=3 · seed 1");
            assertThat(ws.store().workItems(sweep.id(), RunKinds.OPRO_SWEEP_CELL_ITEM)).hasSize(6)
                    .allSatisfy(item -> assertThat(item.status()).isEqualTo("done"));
            // each run's steps follow its own setting
            String threePerStep = result.outcomes().get(4).runId();
            assertThat(ws.store().candidates(threePerStep).stream().filter(c -> c.step() == 1).count()).isEqualTo(3);
        }
    }

    @Test
    void aRepeatedSettingPaysNothingThroughTheSharedCache(SimulatedLlmServer sim) {
        script(sim);
        SweepPlan plan = plan("""
                settings:
                  - {label: first, candidates_per_step: 2}
                  - {label: again, candidates_per_step: 2}
                """);
        try (Workspace ws = Workspace.open(config(sim), Map.of());
             ActiveRun sweep = ws.startRun(RunKinds.OPRO_SWEEP, null, null)) {
            Map<String, Integer> requestsAtEnd = new HashMap<>();
            SweepResult result = SweepRunner.builder().workspace(ws).plan(plan).data(DATA).parallelRuns(1)
                    .onCellEnd(o -> requestsAtEnd.put(o.cell().setting().label(), sim.requestCount()))
                    .build().run(sweep);

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            CellOutcome first = result.outcomes().get(0);
            CellOutcome again = result.outcomes().get(1);
            assertThat(first.usage().total().calls()).isGreaterThan(10);
            assertThat(again.usage().total().calls()).isEqualTo(first.usage().total().calls());
            assertThat(again.usage().total().cacheHits()).isEqualTo(again.usage().total().calls());
            assertThat(again.usage().total().cost()).isZero();
            assertThat(requestsAtEnd.get("again")).isEqualTo(requestsAtEnd.get("first"));
        }
    }

    @Test
    void aSweepStoppedByItsBudgetResumesWithoutRepeatingARequest(SimulatedLlmServer sim) {
        script(sim);
        SweepPlan plan = plan("""
                repetitions: 2
                grid:
                  candidates_per_step: [1, 2]
                """);
        String sweepId;
        // first attempt: a token budget that runs out in the second run; one run at a time, so no call is in flight elsewhere
        try (Workspace ws = Workspace.open(config(sim, "budget.max_tokens=1800"), Map.of());
             ActiveRun sweep = ws.startRun(RunKinds.OPRO_SWEEP, null, null)) {
            sweepId = sweep.id();
            SweepResult result = SweepRunner.builder().workspace(ws).plan(plan).data(DATA).parallelRuns(1).build().run(sweep);
            sweep.finish(result.status(), null);
            assertThat(result.status()).isEqualTo(RunStatus.BUDGET_REACHED);
            assertThat(result.completedRuns()).isBetween(1L, 3L);
            assertThat(result.outcomes()).anySatisfy(o -> assertThat(o.status()).isEqualTo(RunStatus.CREATED)); // never started
        }
        int firstAttempt = sim.requestCount();
        long completedBefore;
        // a new process: same store and cache, no budget
        try (Workspace ws = Workspace.open(config(sim), Map.of());
             ActiveRun sweep = ws.resumeRun(sweepId)) {
            completedBefore = ws.store().workItems(sweepId, RunKinds.OPRO_SWEEP_CELL_ITEM).stream()
                    .filter(i -> i.status().equals("done")).count();
            SweepResult result = SweepRunner.builder().workspace(ws).plan(plan).data(DATA).parallelRuns(2).build().run(sweep);
            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(result.keptRuns()).isEqualTo(completedBefore);
            assertThat(result.outcomes()).filteredOn(CellOutcome::kept).allSatisfy(o -> assertThat(o.usage().total().calls()).isZero());
            assertThat(ws.store().runs().stream().filter(r -> r.kind().equals(RunKinds.OPRO_PROMPT)).count())
                    .as("the interrupted run was resumed, not started again").isEqualTo(4);
        }
        assertThat(sim.requestCount()).isGreaterThan(firstAttempt);
        // finished work came from the store and answered calls from the cache: the only requests sent
        // twice are calls that were in flight when the budget stopped the run (a stop cancels them
        // unanswered), at most one step's worth at the model's max_concurrency of 8
        List<String> bodies = sim.requests().stream().map(r -> r.body()).toList();
        long repeated = bodies.size() - bodies.stream().distinct().count();
        assertThat(repeated).isLessThanOrEqualTo(8);
    }
}
