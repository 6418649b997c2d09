package io.llmopt.opro.prompt;

import io.llmopt.opro.data.Example;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Scores a candidate with a user's {@link InstructionScorer}: one value per split, no per-example outcomes. */
final class WholeInstructionSplitScorer implements SplitScorer {

    private final InstructionScorer scorer;
    private final CostPenalty penalty;

    WholeInstructionSplitScorer(InstructionScorer scorer, CostPenalty penalty) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.penalty = Objects.requireNonNull(penalty, "penalty");
    }

    @Override
    public boolean perExample() {
        return false;
    }

    @Override
    public CompletableFuture<CandidateScore> score(String instruction, List<Example> examples,
                                                   Runnable onExampleDone) {
        return scorer.score(instruction, examples).thenApply(value -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalStateException("the instruction scorer returned no finite score for '" + instruction + "'");
            }
            return new CandidateScore(value, penalty.apply(value, instruction, 0), List.of());
        });
    }
}
