package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.DatasetSource;
import io.llmopt.opro.data.SplitSpec;
import io.llmopt.opro.racing.EvaluationStrategy;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Racing evaluation in the OPRO loop against the simulated server, on GSM8K's 261 training
 * questions: the scripted scorer answers nothing right with most instructions (below the
 * meta-prompt's 0.3 threshold), about half with one and all with another.
 */
@ExtendWith(SimulatedLlmExtension.class)
class RacingLoopTest {

    @TempDir
    Path dir;

    private static ScriptedOpro.Data gsm8k() {
        return ScriptedOpro.split(DatasetSource.defaults().withUserFolder(ScriptedOpro.oproData()).gsm8k("train"),
                SplitSpec.gsm8kReference());
    }

    private static PromptOptimizer optimizer(LanguageModel optimizerModel, LanguageModel scorerModel,
                                             ScriptedOpro.Data data, EvaluationStrategy evaluation, RunStore store,
                                             String runId) {
        return optimizer(optimizerModel, scorerModel, data, evaluation, store, runId, new io.llmopt.core.events.RunListener() {
        });
    }

    private static PromptOptimizer optimizer(LanguageModel optimizerModel, LanguageModel scorerModel,
                                             ScriptedOpro.Data data, EvaluationStrategy evaluation, RunStore store,
                                             String runId, io.llmopt.core.events.RunListener listener) {
        return PromptOptimizer.builder()
                .optimizer(optimizerModel).scorer(scorerModel, TaskGrading.forDataset("gsm8k"))
                .config(PromptOptimizationConfig.reference().toBuilder().steps(4).candidatesPerStep(4)
                        .evaluateEvery(0).finalTopK(0).forbidDigits(true).evaluation(evaluation).build())
                .examples(data.train(), List.of(), List.of())
                .context(RunContext.of(store, runId).withListener(listener)).build();
    }

    @Test
    void racingUsesFewerScorerCallsAndPicksTheSameTopInstructions(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = gsm8k();
        ScriptedOpro full = new ScriptedOpro(sim, data.train());
        PromptOptimizationResult fullResult;
        try (RunStore store = RunStore.open(dir.resolve("full.db")); LanguageModel model = ScriptedOpro.model(sim)) {
            String runId = store.createRun("opro-prompt", "full", null).id();
            fullResult = optimizer(model, model, data, EvaluationStrategy.FULL, store, runId).run();
        }
        long fullCalls = full.scorerCalls();

        sim.resetReplies();
        ScriptedOpro racing = new ScriptedOpro(sim, data.train());
        PromptOptimizationResult racingResult;
        int droppedCount;
        long unscored;
        long progressedCalls;
        RacingSavings savings;
        try (RunStore store = RunStore.open(dir.resolve("racing.db")); LanguageModel model = ScriptedOpro.model(sim)) {
            String runId = store.createRun("opro-prompt", "racing", null).id();
            List<io.llmopt.core.events.Progress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            racingResult = optimizer(model, model, data, EvaluationStrategy.RACING, store, runId,
                    new io.llmopt.core.events.RunListener() {
                        @Override
                        public void onProgress(io.llmopt.core.events.Progress p) {
                            progress.add(p);
                        }
                    }).run();
            // a step's scoring bar shrinks as candidates are dropped, and counts exactly the calls made
            long scoredInSteps = 0;
            for (int step = 1; step <= 4; step++) {
                int s = step;
                List<io.llmopt.core.events.Progress> scoring = progress.stream()
                        .filter(p -> p.phase().equals("scoring") && p.step() == s).toList();
                long planned = scoring.get(0).unitsTotal();
                scoredInSteps += scoring.get(scoring.size() - 1).unitsDone();
                if (store.candidates(runId).stream().anyMatch(c -> c.step() == s && c.status() == CandidateStatus.RACED_OUT)) {
                    assertThat(scoring).as("step %d", step).anyMatch(p -> p.unitsTotal() < planned && p.unitsDone() < p.unitsTotal());
                }
            }
            progressedCalls = scoredInSteps;
            savings = RacingSavings.of(racingResult, store, 261).orElseThrow();

            List<CandidateRecord> racedOut = store.candidates(runId).stream()
                    .filter(c -> c.status() == CandidateStatus.RACED_OUT).toList();
            assertThat(racedOut).isNotEmpty().allSatisfy(c -> {
                assertThat(c.trainScore()).as("a dropped candidate has no full-split score").isNull();
                assertThat(c.reason()).matches("racing: dropped after \\d+ of 261 examples \\(0\\.000 correct\\)");
                // every call it made is stored, including those in flight when it was dropped
                assertThat(store.exampleResults(runId, c.id(), Split.TRAIN)).as("its partial results")
                        .hasSizeBetween(1, 260);
            });
            droppedCount = racedOut.size();
            unscored = racedOut.stream().mapToLong(c -> 261 - store.exampleResults(runId, c.id(), Split.TRAIN).size()).sum();
            assertThat(store.candidates(runId)).filteredOn(c -> c.status() == CandidateStatus.KEPT)
                    .allSatisfy(c -> {
                        assertThat(c.trainScore()).isNotNull();
                        assertThat(store.exampleResults(runId, c.id(), Split.TRAIN)).hasSize(261);
                    });
        }
        long racingCalls = racing.scorerCalls();

        // the instructions that answer nothing right are dropped early; the calls saved are exactly
        // the examples they were never scored on
        assertThat(droppedCount).isPositive();
        assertThat(racingCalls).isLessThan(fullCalls).isEqualTo(fullCalls - unscored);
        assertThat(racing.repeatedScorerPrompts()).isZero();
        assertThat(progressedCalls).as("the bars count every scorer call after the initial instruction's")
                .isEqualTo(racingCalls - 261);
        // what the run reports it saved is what the server saw
        assertThat(savings.racedOut()).isEqualTo(droppedCount);
        assertThat(savings.scorerCalls()).isEqualTo(racingCalls - 261);
        assertThat(savings.fullCalls()).isEqualTo(fullCalls - 261);
        try (RunStore store = RunStore.open(dir.resolve("full.db"))) {
            assertThat(RacingSavings.of(fullResult, store, 261)).as("full evaluation drops nothing").isEmpty();
        }
        assertThat(top(racingResult, 2)).containsExactlyElementsOf(top(fullResult, 2))
                .containsExactly(ScriptedOpro.BEST, ScriptedOpro.GOOD);
        System.out.printf("racing loop: %d scorer calls with full evaluation, %d with racing%n", fullCalls, racingCalls);
    }

    @Test
    void aRacingRunThatFailsMidStepResumesToTheUninterruptedResult(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = gsm8k();
        ScriptedOpro first = new ScriptedOpro(sim, data.train());
        PromptOptimizationResult whole;
        try (RunStore store = RunStore.open(dir.resolve("whole.db")); LanguageModel model = ScriptedOpro.model(sim)) {
            String runId = store.createRun("opro-prompt", "whole", null).id();
            whole = optimizer(model, model, data, EvaluationStrategy.RACING, store, runId).run();
        }
        long wholeCalls = first.scorerCalls();

        sim.resetReplies();
        ScriptedOpro resumed = new ScriptedOpro(sim, data.train());
        try (RunStore store = RunStore.open(dir.resolve("broken.db")); LanguageModel model = ScriptedOpro.model(sim)) {
            String runId = store.createRun("opro-prompt", "broken", null).id();
            // the scorer fails for good after 700 calls: in step 2, part-way through a race
            LanguageModel failing = new FailingAfter(model, 700);
            assertThatThrownBy(() -> optimizer(model, failing, data, EvaluationStrategy.RACING, store, runId).run())
                    .isInstanceOf(LlmException.class);
            PromptOptimizationResult again = optimizer(model, model, data, EvaluationStrategy.RACING, store, runId).run();

            assertThat(summary(again)).isEqualTo(summary(whole));
            assertThat(store.candidates(runId).stream().map(CandidateRecord::status).toList())
                    .contains(CandidateStatus.RACED_OUT);
            // nothing answered is asked again (calls in flight when a candidate is dropped depend on
            // timing, so the two attempts' total may differ from one run's by a few of those)
            assertThat(resumed.repeatedScorerPrompts()).isZero();
            assertThat(resumed.scorerCalls()).isBetween(wholeCalls - 4 * 64, wholeCalls + 4 * 64);
        }
    }

    private static List<String> summary(PromptOptimizationResult result) {
        return result.candidates().stream()
                .map(c -> c.step() + "|" + c.instruction() + "|" + c.status() + "|" + c.trainScore()).toList();
    }

    private static List<String> top(PromptOptimizationResult result, int n) {
        return PromptOptimizationResult.rank(result.candidates()).stream().limit(n)
                .map(PromptCandidate::instruction).toList();
    }

    /** Fails every call after the first {@code limit}, as a model that went away for good. */
    private static final class FailingAfter extends ForwardingLanguageModel {
        private final AtomicInteger calls = new AtomicInteger();
        private final int limit;

        FailingAfter(LanguageModel delegate, int limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public CompletableFuture<ChatResponse> chat(ChatRequest request) {
            if (calls.incrementAndGet() > limit) {
                return CompletableFuture.failedFuture(new LlmException(LlmException.Kind.SERVER_ERROR, "sim", "sim-model",
                        "gone for good", null, null));
            }
            return delegate.chat(request);
        }
    }
}
