package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.events.RunEvent;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.StepRecord;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import io.llmopt.testkit.RecordingListener;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SimulatedLlmExtension.class)
class PromptOptimizerTest {

    @TempDir
    Path dir;

    @Test
    void findsTheBetterInstructionOnGsm8kAndRecordsEverything(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        new ScriptedOpro(sim, data.all());
        RecordingListener listener = new RecordingListener();
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = ScriptedOpro.model(sim)) {
            String runId = store.createRun("opro-prompt", "gsm8k", null).id();
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(model).scorer(model, TaskGrading.forDataset("gsm8k"))
                    .config(ScriptedOpro.quickConfig().forbidDigits(true).build())
                    .examples(data.train(), data.validation(), data.test())
                    .context(RunContext.of(store, runId).withListener(listener))
                    .build().run();

            assertThat(result.best()).get().extracting(PromptCandidate::instruction).isEqualTo(ScriptedOpro.BEST);
            assertThat(result.best().get().trainScore()).isEqualTo(1.0);
            assertThat(result.stepsDone()).isEqualTo(3);
            assertThat(result.stopped()).isFalse();

            // every candidate is in the store, the dropped ones with their reason and raw output
            List<CandidateRecord> stored = store.candidates(runId);
            assertThat(stored).hasSize(2 + 3 * 4);
            assertThat(stored).filteredOn(c -> c.text().equals("Answer in 3 words."))
                    .singleElement().satisfies(c -> {
                        assertThat(c.status()).isEqualTo(CandidateStatus.FILTERED);
                        assertThat(c.reason()).isEqualTo("contains_digit");
                        assertThat(c.rawOutput()).contains("<INS>Answer in 3 words.</INS>");
                    });
            assertThat(stored).filteredOn(c -> c.text().equals("Use the INS tag.")).first()
                    .extracting(CandidateRecord::reason).isEqualTo("contains_ins");
            assertThat(stored).filteredOn(c -> c.status() == CandidateStatus.DUPLICATE).isNotEmpty();
            // each kept candidate has one result per training example and a score that matches them
            for (CandidateRecord c : stored) {
                if (c.status() == CandidateStatus.KEPT) {
                    assertThat(store.exampleResults(runId, c.id(), Split.TRAIN)).hasSize(20);
                    assertThat(c.trainScore()).isEqualTo(store.exampleTally(runId, c.id(), Split.TRAIN).accuracy());
                } else {
                    assertThat(store.exampleResults(runId, c.id(), Split.TRAIN)).isEmpty();
                    assertThat(c.trainScore()).isNull();
                }
            }
            // meta-prompts are stored with their steps, and show the scores so far
            List<StepRecord> steps = store.steps(runId);
            assertThat(steps).extracting(StepRecord::index).containsExactly(0, 1, 2, 3);
            assertThat(steps).allMatch(StepRecord::finished);
            assertThat(steps.get(2).metaPrompt()).contains(ScriptedOpro.BEST).contains("score:\n100");
            assertThat(store.run(runId).get().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(store.run(runId).get().summaryJson()).contains("\"best_instruction\":\"Let's think step by step.\"")
                    .contains("best_test_score").contains("\"steps_done\":3");

            // validation at steps 1 and 3 (every 2), test on the best two and both baselines
            PromptCandidate best = result.best().get();
            assertThat(best.validationScore()).isEqualTo(1.0);
            FinalEvaluation evaluation = result.finalEvaluation();
            assertThat(evaluation.instructions()).hasSize(4);
            assertThat(evaluation.baseline()).get().extracting(InstructionEvaluation::instruction).isEqualTo("");
            InstructionEvaluation top = evaluation.instructions().get(0);
            assertThat(top.instruction()).isEqualTo(ScriptedOpro.BEST);
            assertThat(top.accuracy()).isEqualTo(1.0);
            assertThat(top.examples()).isEqualTo(30);
            assertThat(top.interval().lower()).isGreaterThan(0.85);
            assertThat(top.vsBaseline().mcNemar().onlySecondCorrect()).isEqualTo(30);
            assertThat(top.vsBaseline().mcNemar().pValue()).isLessThan(1e-6);
            assertThat(top.vsBaseline().bootstrap().interval().lower()).isEqualTo(1.0);
            assertThat(store.exampleResults(runId, best.id(), Split.TEST)).hasSize(30);
            assertThat(store.candidate(runId, best.id()).get().testScore()).isEqualTo(1.0);
            // each example's text is kept once, so results can be shown with their question
            var texts = store.workItems(runId, RunRecorder.EXAMPLE_KIND);
            var firstTest = store.exampleResults(runId, best.id(), Split.TEST).get(0).exampleId();
            assertThat(texts).extracting(io.llmopt.core.store.WorkItem::key).doesNotHaveDuplicates().contains(firstTest);
            assertThat(texts).filteredOn(w -> w.key().equals(firstTest)).singleElement()
                    .satisfies(w -> assertThat(w.payloadJson()).contains("\"split\":\"test\"").contains("\"question\":\""));
        }
        assertThat(listener.events()).extracting(RunEvent::type).contains("step.finished", "candidate.dropped");
        assertThat(listener.progress()).isNotEmpty().anySatisfy(p -> assertThat(p.phase()).isEqualTo("scoring"));
        assertThat(listener.progress().getLast().bestScore()).hasValue(1.0);
    }

    @Test
    void gradesEachBbhTaskByItsOwnRules(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = ScriptedOpro.bbh();
        PromptOptimizationResult result = runBbh(sim, data, ScriptedOpro.quickConfig());

        assertThat(data.train()).extracting(e -> e.task()).contains("navigate", "boolean_expressions");
        assertThat(result.best().get().instruction()).isEqualTo(ScriptedOpro.BEST);
        assertThat(result.best().get().trainScore()).isEqualTo(1.0);
        // the empty instruction is always answered wrong, on both tasks
        assertThat(result.candidates()).filteredOn(c -> c.instruction().isEmpty()).singleElement()
                .extracting(PromptCandidate::trainScore).isEqualTo(0.0);
        assertThat(result.finalEvaluation().best().get().accuracy()).isEqualTo(1.0);
        assertThat(result.finalEvaluation().instructions().get(0).examples()).isEqualTo(34);
    }

    @Test
    void aFinalTopKOfZeroTestsNothingNotEvenTheBaseline(SimulatedLlmServer sim) {
        PromptOptimizationResult result = runBbh(sim, ScriptedOpro.bbh(), ScriptedOpro.quickConfig().finalTopK(0));

        assertThat(result.best()).isPresent();
        assertThat(result.finalEvaluation()).isNull();
        assertThat(result.candidates()).allSatisfy(c -> assertThat(c.testScore()).isNull());
    }

    private static PromptOptimizationResult runBbh(SimulatedLlmServer sim, ScriptedOpro.Data data,
                                                   PromptOptimizationConfig.Builder config) {
        new ScriptedOpro(sim, data.all());
        try (LanguageModel model = ScriptedOpro.model(sim)) {
            return PromptOptimizer.builder()
                    .optimizer(model).scorer(model, TaskGrading.forDataset("bbh"))
                    .config(config.build())
                    .examples(data.train(), data.validation(), data.test())
                    .build().run();
        }
    }

    @Test
    void issuesAllScorerCallsOfAStepAtOnce(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        new ScriptedOpro(sim, data.all());
        // each request waits until 40 are in flight (or 10 s pass): a loop issuing them together
        // reaches 40 whatever the machine's load; one scoring one example at a time never does
        java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(40);
        sim.latency(request -> {
            together.countDown();
            try {
                together.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return java.time.Duration.ZERO;
        });
        try (LanguageModel model = ScriptedOpro.model(sim)) {
            PromptOptimizer.builder()
                    .optimizer(model).scorer(model, TaskGrading.forDataset("gsm8k"))
                    .config(ScriptedOpro.quickConfig().steps(1).evaluateEvery(0).finalTopK(0).build())
                    .examples(data.train(), List.of(), List.of())
                    .build().run();
        }
        // two initial instructions x 20 examples were in flight together, not one at a time
        assertThat(sim.stats().maxConcurrency()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void optimizesForAUserMetricWithoutAScorerModel(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        new ScriptedOpro(sim, data.all());
        // shorter instructions are better; the metric never calls a model
        ExampleMetric brevity = (instruction, example) ->
                java.util.concurrent.CompletableFuture.completedFuture(1.0 / (1 + instruction.length() / 10.0));
        try (RunStore store = RunStore.open(dir.resolve("metric.db")); LanguageModel model = ScriptedOpro.model(sim)) {
            String runId = store.createRun("opro-prompt", "metric", null).id();
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(model).metric(brevity)
                    .config(ScriptedOpro.quickConfig().initialInstructions(List.of("Solve it.")).build())
                    .examples(data.train(), List.of(), data.test().subList(0, 5))
                    .context(RunContext.of(store, runId)).build().run();

            assertThat(result.best().get().instruction()).isEqualTo("Solve it.");
            assertThat(result.best().get().trainScore()).isEqualTo(1.0 / 1.9, org.assertj.core.data.Offset.offset(1e-12));
            // the metric's value is stored, so resume restores it exactly
            PromptOptimizationResult again = PromptOptimizer.builder()
                    .optimizer(model).metric((i, e) -> { throw new AssertionError("nothing should be rescored"); })
                    .config(ScriptedOpro.quickConfig().initialInstructions(List.of("Solve it.")).build())
                    .examples(data.train(), List.of(), data.test().subList(0, 5))
                    .context(RunContext.of(store, runId)).build().run();
            assertThat(again.candidates()).isEqualTo(result.candidates());
        }
    }

    @Test
    void costAwareScorePrefersTheShorterOfTwoEquallyAccurateInstructions(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        new ScriptedOpro(sim, data.all());
        try (LanguageModel model = ScriptedOpro.model(sim)) {
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(model).scorer(model, TaskGrading.forDataset("gsm8k"))
                    .config(ScriptedOpro.quickConfig().steps(0).finalTopK(0)
                            .initialInstructions(List.of("Let's think step by step, slowly and with great care.",
                                    "Let's think step by step."))
                            .penalty(new CostPenalty(0.01, 0)).build())
                    .examples(data.train(), List.of(), List.of())
                    .build().run();

            PromptCandidate best = result.best().get();
            assertThat(best.instruction()).isEqualTo("Let's think step by step.");
            assertThat(best.trainScore()).isEqualTo(1.0);
            assertThat(best.penalizedScore()).isEqualTo(1.0 - 0.01 * TextTokenEstimate.of("Let's think step by step."));
        }
    }

    @Test
    void answerBeginningPositionUsesStartTags(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        sim.replyWhen("generate the answer starting sentence", "<Start>Let's see.</Start>");
        sim.reply("So the answer is 1.");
        try (LanguageModel model = ScriptedOpro.model(sim)) {
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(model).scorer(model, TaskGrading.forDataset("gsm8k"))
                    .config(ScriptedOpro.quickConfig().steps(1).candidatesPerStep(1).includeQa(true)
                            .position(InstructionPosition.A_BEGIN).build())
                    .examples(data.train().subList(0, 3), List.of(), List.of())
                    .build().run();
            assertThat(result.candidates()).extracting(PromptCandidate::instruction).contains("Let's see.");
        }
        assertThat(sim.chatRequests()).anySatisfy(r -> assertThat(r.lastUserMessage()).endsWith("A: Let's see."));
    }
}
