package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.store.CandidateStatus;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.meta.ScoredInstruction;
import io.llmopt.opro.racing.Incumbent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainingOutcomesTest {

    private static final List<Example> TRAIN = IntStream.range(0, 4)
            .mapToObj(i -> Example.of("toy", "t", i, "q" + i, "x")).toList();

    /** A kept candidate scored with per-position correctness {@code correct}. */
    private static PromptCandidate scored(long id, String text, boolean... correct) {
        return new PromptCandidate(id, 1, text, null, CandidateStatus.KEPT, null, null, null, null, null)
                .withTrain(score(correct));
    }

    private static CandidateScore score(boolean... correct) {
        List<ExampleOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < correct.length; i++) {
            outcomes.add(new ExampleOutcome(TRAIN.get(i).id(), null, "", null, correct[i] ? 1 : 0, 0));
        }
        return new PerExampleSplitScorer((instruction, example) -> null, CostPenalty.NONE).summarize("x", outcomes);
    }

    @Test
    void theBestScoreAndItsStepMoveOnlyOnABetterScore() {
        TrainingOutcomes outcomes = new TrainingOutcomes(TRAIN, false);
        assertThat(outcomes.best()).isEmpty();
        PromptCandidate half = scored(1, "a", true, true, false, false);
        outcomes.scored(1, half, null);
        outcomes.scored(2, scored(2, "b", true, true, false, false), null);
        assertThat(outcomes.best()).hasValue(0.5);
        assertThat(outcomes.bestStep()).as("a tie keeps the earlier step").isEqualTo(1);
        outcomes.scored(3, scored(3, "c", true, true, true, false), null);
        assertThat(outcomes.best()).hasValue(0.75);
        assertThat(outcomes.bestStep()).isEqualTo(3);
    }

    @Test
    void countsWrongPositionsAndKeepsResultsForIncumbentsBestFirst() {
        TrainingOutcomes outcomes = new TrainingOutcomes(TRAIN, true);
        PromptCandidate a = scored(1, "a", true, false, false, false);
        PromptCandidate b = scored(2, "b", true, true, true, false);
        outcomes.scored(1, a, score(true, false, false, false));
        outcomes.scored(1, b, score(true, true, true, false));
        // a score read back (null) moves the best but counts nothing
        outcomes.scored(1, scored(3, "c", false, false, false, false), null);

        assertThat(outcomes.wrongCounts()).isEqualTo(Map.of(1, 1, 2, 1, 3, 2));
        List<ScoredInstruction> history = List.of(new ScoredInstruction("a", 0.25, 0),
                new ScoredInstruction("b", 0.75, 0), new ScoredInstruction("c", 0.0, 0));
        List<Incumbent> incumbents = outcomes.incumbents(history, 5);
        assertThat(incumbents).extracting(Incumbent::instruction).containsExactly("b", "a");
        assertThat(outcomes.incumbents(history, 1)).extracting(Incumbent::instruction).containsExactly("b");
    }

    @Test
    void withoutKeepingResultsThereAreNoIncumbents() {
        TrainingOutcomes outcomes = new TrainingOutcomes(TRAIN, false);
        outcomes.scored(1, scored(1, "a", true, true, false, false), score(true, true, false, false));
        assertThat(outcomes.incumbents(List.of(new ScoredInstruction("a", 0.5, 0)), 3)).isEmpty();
        assertThat(outcomes.wrongCounts()).isEqualTo(Map.of(2, 1, 3, 1));
    }
}
