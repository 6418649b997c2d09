package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.llm.LanguageModel;
import io.llmopt.opro.data.Example;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code current_most_frequent}: a step's exemplars are the training questions that the
 * instructions shown in its meta-prompt get wrong most often.
 */
@ExtendWith(SimulatedLlmExtension.class)
class CurrentMostFrequentTest {

    @Test
    void exemplarsAreTheQuestionsTheShownInstructionsGetWrongMostOften(SimulatedLlmServer sim) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        ScriptedOpro world = new ScriptedOpro(sim, data.all());
        List<Example> train = data.train();
        // every instruction gets the first three training questions wrong; only the empty initial
        // instruction also gets the next ten wrong: at step 1 (only the initial one shown) all
        // thirteen tie, later the first three are wrong most often
        Set<String> alwaysWrong = new HashSet<>();
        Set<String> initialAlsoWrong = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            alwaysWrong.add(train.get(i).id());
        }
        for (int i = 3; i < 13; i++) {
            initialAlsoWrong.add(train.get(i).id());
        }
        ExampleScorer scorer = (instruction, example) -> {
            boolean wrong = alwaysWrong.contains(example.id())
                    || (instruction.isEmpty() && initialAlsoWrong.contains(example.id()));
            return CompletableFuture.completedFuture(new ExampleOutcome(example.id(), null, "", null, wrong ? 0.0 : 1.0, 0));
        };
        try (LanguageModel model = ScriptedOpro.model(sim)) {
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(model).exampleScorer(scorer)
                    .config(ScriptedOpro.quickConfig().steps(3).candidatesPerStep(2).evaluateEvery(0).finalTopK(1)
                            .exemplarCount(3).exemplarChoice(ExemplarChoice.CURRENT_MOST_FREQUENT).build())
                    .examples(train, data.validation(), data.test())
                    .build().run();

            Set<String> stepOne = new HashSet<>(result.steps().get(1).exemplarIds());
            assertThat(stepOne).hasSize(3);
            Set<String> tied = new HashSet<>(alwaysWrong);
            tied.addAll(initialAlsoWrong);
            assertThat(tied).containsAll(stepOne);
            // from step 2 on, the scored candidates are shown too, and they agree only on the first three
            assertThat(result.steps().get(3).exemplarIds()).containsExactlyInAnyOrderElementsOf(alwaysWrong);
        }
    }
}
