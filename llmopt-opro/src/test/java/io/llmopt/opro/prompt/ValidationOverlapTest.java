package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.llm.LanguageModel;
import io.llmopt.opro.data.Example;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Validation never feeds the meta-prompt, so the loop does not wait for it before the next step. */
@ExtendWith(SimulatedLlmExtension.class)
class ValidationOverlapTest {

    @Test
    void stepOnesValidationRunsWhileStepTwoIsGeneratedAndScored(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        ScriptedOpro world = new ScriptedOpro(sim, data.all());
        Set<String> validationIds = data.validation().stream().map(Example::id).collect(Collectors.toSet());
        // Validation answers are held until step 2's optimizer calls have been made: a loop that
        // waited for validation before the next step would time out here.
        CompletableFuture<Void> stepTwoStarted = new CompletableFuture<>();
        ExampleScorer scorer = (instruction, example) -> {
            if (world.optimizerCalls() >= 4) {
                stepTwoStarted.complete(null);
            }
            ExampleOutcome outcome = new ExampleOutcome(example.id(), null, "", null,
                    instruction.contains("step by step") ? 1.0 : 0.0, 0);
            return validationIds.contains(example.id())
                    ? stepTwoStarted.orTimeout(20, TimeUnit.SECONDS).thenApply(ignored -> outcome)
                    : CompletableFuture.completedFuture(outcome);
        };
        try (LanguageModel model = ScriptedOpro.model(sim)) {
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(model).exampleScorer(scorer)
                    .config(ScriptedOpro.quickConfig().steps(2).candidatesPerStep(2).evaluateEvery(1).finalTopK(1)
                            .build())
                    .examples(data.train(), data.validation(), data.test())
                    .build().run();

            assertThat(stepTwoStarted).isCompleted();
            // every validation started was folded in before the result: scored candidates of
            // steps 1 and 2 all carry a validation score
            assertThat(result.steps().subList(1, 3)).allSatisfy(step ->
                    assertThat(step.kept()).filteredOn(PromptCandidate::scored)
                            .allSatisfy(c -> assertThat(c.validationScore()).isNotNull()));
        }
    }
}
