package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.events.RunEvent;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.opro.grading.Grader;
import io.llmopt.opro.grading.GradingMode;
import io.llmopt.opro.grading.GradingSettings;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.RecordingListener;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scorer reply cut at max_tokens (finish reason "length") ends in an unfinished chain of thought:
 * strict grading counts it incorrect and marked truncated, and says so once a step when more than
 * 1% of its replies were cut; reference grading keeps the reference's decision.
 */
@ExtendWith(SimulatedLlmExtension.class)
class TruncatedScorerRepliesTest {

    /** Cut at 6 tokens, the reply keeps "Start: 18 plus" (the target, by accident) and loses the real answer. */
    private static final int MAX_TOKENS = 6;

    @TempDir
    Path dir;

    private record Outcome(List<ExampleResult> results, RecordingListener listener, java.util.Map<String, String> targets) {
        /** How many stored outputs {@code mode}'s parser alone grades correct: without the truncation rule. */
        long gradedCorrectBy(GradingMode mode) {
            Grader grader = new Grader(mode);
            GradingSettings settings = TaskGrading.forDataset("gsm8k").settingsFor(
                    io.llmopt.opro.data.Example.of("gsm8k", "t", 0, "q", "1"));
            return results.stream().filter(r -> grader.grade(r.output(), targets.get(r.exampleId()), settings).correct())
                    .count();
        }

        long correct() {
            return results.stream().filter(ExampleResult::correct).count();
        }

        long truncated() {
            return results.stream().filter(ExampleResult::truncated).count();
        }
    }

    private Outcome run(SimulatedLlmServer sim, GradingMode mode, int maxTokens) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        java.util.Map<String, String> targets = new java.util.HashMap<>();
        java.util.Map<String, String> targetsById = new java.util.HashMap<>();
        data.train().forEach(e -> targets.put(e.question(), e.target()));
        data.train().forEach(e -> targetsById.put(e.id(), e.target()));
        sim.replyWhen(ScriptedOpro.META_PROMPT_MARK, (request, sample) -> "<INS>Think.</INS>");
        sim.reply((request, sample) -> {
            String prompt = request.lastUserMessage();
            String target = targets.entrySet().stream().filter(e -> prompt.contains(e.getKey()))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse("0");
            return "Start: " + target + " plus some more steps we have not finished here. So the answer is 1" + target + ".";
        });
        RecordingListener listener = new RecordingListener();
        try (RunStore store = RunStore.open(dir.resolve(mode + "-" + maxTokens + ".db"));
             LanguageModel model = ScriptedOpro.model(sim)) {
            String runId = store.createRun("opro-prompt", "cut", null).id();
            PromptOptimizer.builder()
                    .optimizer(model).scorer(model, TaskGrading.forDataset("gsm8k"))
                    .config(PromptOptimizationConfig.reference().toBuilder().steps(1).candidatesPerStep(1)
                            .evaluateEvery(0).finalTopK(0).initialInstructions(List.of("Solve it."))
                            .scorerMaxTokens(maxTokens).gradingMode(mode).build())
                    .examples(data.train(), List.of(), List.of())
                    .context(RunContext.of(store, runId).withListener(listener)).build().run();
            store.flush();
            List<ExampleResult> results = new java.util.ArrayList<>();
            for (CandidateRecord c : store.candidates(runId)) {
                results.addAll(store.exampleResults(runId, c.id(), Split.TRAIN));
                assertThat(store.exampleTally(runId, c.id(), Split.TRAIN).truncated())
                        .isEqualTo(store.exampleResults(runId, c.id(), Split.TRAIN).stream()
                                .filter(ExampleResult::truncated).count());
            }
            return new Outcome(results, listener, targetsById);
        }
    }

    @Test
    void strictGradingCountsACutReplyIncorrectAndSaysSo(SimulatedLlmServer sim) {
        Outcome cut = run(sim, GradingMode.STRICT, MAX_TOKENS);

        assertThat(cut.results()).hasSize(40); // 2 candidates x 20 training examples
        assertThat(cut.truncated()).isEqualTo(40);
        assertThat(cut.correct()).as("graded incorrect, not by the number left in the cut text").isZero();
        // before: the strict parser alone took the number the cut left and graded every reply correct
        assertThat(cut.gradedCorrectBy(GradingMode.STRICT)).isEqualTo(40);
        assertThat(cut.results()).allSatisfy(r -> assertThat(r.parsedAnswer()).isNull());
        List<RunEvent> warned = cut.listener().events("scorer.truncated");
        assertThat(warned).hasSize(2); // step 0 and step 1
        assertThat(warned.get(0).level()).isEqualTo(RunEvent.Level.WARN);
        assertThat(warned.get(0).message()).contains("20 of 20 scorer replies (100.0%) were cut at max_tokens 6")
                .contains("graded incorrect (truncated)").contains("raise opro.scorer_max_tokens");
    }

    @Test
    void referenceGradingKeepsTheReferenceDecisionAndStillMarksTheCut(SimulatedLlmServer sim) {
        Outcome cut = run(sim, GradingMode.REFERENCE, MAX_TOKENS);

        assertThat(cut.truncated()).isEqualTo(40);
        assertThat(cut.correct()).as("the reference grades the cut text as it is")
                .isEqualTo(cut.gradedCorrectBy(GradingMode.REFERENCE));
        assertThat(cut.listener().events("scorer.truncated")).hasSize(2)
                .allSatisfy(e -> assertThat(e.message()).doesNotContain("graded incorrect"));
    }

    @Test
    void wholeRepliesAreNeitherMarkedNorWarnedAbout(SimulatedLlmServer sim) {
        Outcome whole = run(sim, GradingMode.STRICT, 1024);

        assertThat(whole.truncated()).isZero();
        assertThat(whole.correct()).as("the finished answer is 1 followed by the target: wrong").isZero();
        assertThat(whole.listener().events("scorer.truncated")).isEmpty();
    }
}
