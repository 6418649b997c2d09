package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A step's candidate is scored as soon as its own optimizer sample arrives, not after the samples before it. */
@ExtendWith(SimulatedLlmExtension.class)
class EagerScoringTest {

    @TempDir
    Path dir;

    @Test
    void theSecondSampleIsScoredWhileTheFirstIsStillBeingGenerated(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        // step 1, seed 0, 2 candidates per step: sample 0 has seed 2, sample 1 seed 3
        sim.replyWhen(ScriptedOpro.META_PROMPT_MARK, (request, sample) ->
                request.seed() == 2 ? "<INS>Think slowly.</INS>" : "<INS>Think fast.</INS>");
        sim.latency(request -> request.seed() != null && request.seed() == 2 ? Duration.ofMillis(1500) : Duration.ZERO);
        Map<String, Long> firstCall = new ConcurrentHashMap<>();
        ExampleScorer scorer = (instruction, example) -> {
            firstCall.putIfAbsent(instruction, System.nanoTime());
            return CompletableFuture.completedFuture(new ExampleOutcome(example.id(), null, "", null,
                    instruction.contains("fast") ? 1.0 : 0.0, 0));
        };
        try (RunStore store = RunStore.open(dir.resolve("runs.db")); LanguageModel model = ScriptedOpro.model(sim)) {
            String runId = store.createRun("opro-prompt", "eager", null).id();
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(model).exampleScorer(scorer)
                    .config(PromptOptimizationConfig.reference().toBuilder().steps(1).candidatesPerStep(2)
                            .evaluateEvery(0).finalTopK(0).build())
                    .examples(data.train(), List.of(), List.of())
                    .context(RunContext.of(store, runId)).build().run();

            long lead = firstCall.get("Think slowly.") - firstCall.get("Think fast.");
            assertThat(lead).as("sample 1 scored before sample 0 arrived").isGreaterThan(Duration.ofMillis(1000).toNanos());
            // the records are those of in-order screening: ids in sample order, every result under its id
            List<PromptCandidate> kept = result.steps().get(1).kept();
            assertThat(kept).extracting(PromptCandidate::instruction).containsExactly("Think slowly.", "Think fast.");
            assertThat(kept.get(0).id()).isLessThan(kept.get(1).id());
            assertThat(kept).extracting(PromptCandidate::trainScore).containsExactly(0.0, 1.0);
            store.flush();
            for (CandidateRecord c : store.candidates(runId)) {
                assertThat(store.exampleResults(runId, c.id(), Split.TRAIN)).hasSize(data.train().size());
            }
        }
    }
}
