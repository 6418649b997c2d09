package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A run killed mid-step (a separate JVM, destroyed forcibly) resumes to exactly the uninterrupted result. */
@ExtendWith(SimulatedLlmExtension.class)
class ResumeTest {

    @TempDir
    Path dir;

    static PromptOptimizer optimizer(LanguageModel model, ScriptedOpro.Data data, RunStore store, String runId) {
        return PromptOptimizer.builder()
                .optimizer(model).scorer(model, TaskGrading.forDataset("gsm8k"))
                .config(ScriptedOpro.quickConfig().forbidDigits(true).build())
                .examples(data.train(), data.validation(), data.test())
                .context(RunContext.of(store, runId)).build();
    }

    @Test
    void resumesAfterBeingKilledWithoutRecomputingAnything(SimulatedLlmServer sim) throws Exception {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        sim.capacity(4).latency(Duration.ofMillis(15));

        // 1. the uninterrupted run
        ScriptedOpro world = new ScriptedOpro(sim, data.all());
        PromptOptimizationResult uninterrupted;
        List<Long> uninterruptedTallies;
        try (RunStore store = RunStore.open(dir.resolve("whole.db")); LanguageModel model = ScriptedOpro.model(sim)) {
            String runId = store.createRun("opro-prompt", "whole", null).id();
            uninterrupted = optimizer(model, data, store, runId).run();
            uninterruptedTallies = tallies(store, runId);
        }
        long uninterruptedScorerCalls = world.scorerCalls();

        // 2. the same run in another JVM, killed once it has scored some examples
        sim.resetReplies();
        world = new ScriptedOpro(sim, data.all());
        Path file = dir.resolve("killed.db");
        String runId;
        try (RunStore store = RunStore.open(file)) {
            runId = store.createRun("opro-prompt", "killed", null).id();
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dllmopt.shared.dir=" + System.getProperty("llmopt.shared.dir"),
                KillableRunMain.class.getName(), sim.baseUrl(), file.toString(), runId)
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long storedAtKill;
        try (RunStore store = RunStore.open(file)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (storedResults(store, runId) < 60 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(child.isAlive()).as("the child run was still going when killed").isTrue();
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            waitUntilIdle(sim);
            storedAtKill = storedResults(store, runId);
            assertThat(store.run(runId).get().status()).isEqualTo(RunStatus.RUNNING);
        }
        long callsBeforeKill = world.scorerCalls();
        assertThat(storedAtKill).isGreaterThanOrEqualTo(60).isLessThan(uninterruptedScorerCalls);

        // 3. resumed in this JVM
        PromptOptimizationResult resumed;
        try (RunStore store = RunStore.open(file); LanguageModel model = ScriptedOpro.model(sim)) {
            resumed = optimizer(model, data, store, runId).run();
            assertThat(tallies(store, runId)).isEqualTo(uninterruptedTallies);
            assertThat(store.run(runId).get().status()).isEqualTo(RunStatus.COMPLETED);
        }
        long resumedCalls = world.scorerCalls() - callsBeforeKill;

        assertThat(resumed.candidates()).isEqualTo(uninterrupted.candidates());
        assertThat(resumed.finalEvaluation()).isEqualTo(uninterrupted.finalEvaluation());
        assertThat(resumed.steps()).extracting(StepSummary::metaPrompt)
                .isEqualTo(uninterrupted.steps().stream().map(StepSummary::metaPrompt).toList());
        // exactly the examples the killed run had not recorded were scored again, nothing else
        assertThat(resumedCalls).isEqualTo(uninterruptedScorerCalls - storedAtKill);
        // so the total is the uninterrupted count plus what was in flight when the child died
        long inFlightAtKill = callsBeforeKill - storedAtKill;
        assertThat(callsBeforeKill + resumedCalls).isEqualTo(uninterruptedScorerCalls + inFlightAtKill);
    }

    /** Rows per candidate and split, in candidate order: equal lists mean no duplicate and no missing result. */
    private static List<Long> tallies(RunStore store, String runId) {
        store.flush();
        List<Long> rows = new ArrayList<>();
        for (CandidateRecord c : store.candidates(runId)) {
            for (Split split : Split.values()) {
                rows.add(store.exampleTally(runId, c.id(), split).total());
                rows.add(store.exampleTally(runId, c.id(), split).correct());
            }
        }
        return rows;
    }

    private static long storedResults(RunStore store, String runId) {
        long total = 0;
        for (CandidateRecord c : store.candidates(runId)) {
            for (Split split : Split.values()) {
                total += store.exampleTally(runId, c.id(), split).total();
            }
        }
        return total;
    }

    /** Requests the dead client left queued at the server are still answered; wait for them. */
    private static void waitUntilIdle(SimulatedLlmServer sim) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.stats().inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
    }
}
