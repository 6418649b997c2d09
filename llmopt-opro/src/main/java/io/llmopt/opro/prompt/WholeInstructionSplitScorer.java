package io.llmopt.opro.prompt;

import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Scores a candidate with a user's {@link InstructionScorer}: one value per split, recorded as the score. */
final class WholeInstructionSplitScorer implements SplitScorer {

    private final InstructionScorer scorer;
    private final RunRecorder recorder;
    private final CostPenalty penalty;

    WholeInstructionSplitScorer(InstructionScorer scorer, RunRecorder recorder, CostPenalty penalty) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.penalty = Objects.requireNonNull(penalty, "penalty");
    }

    @Override
    public boolean perExample() {
        return false;
    }

    @Override
    public CompletableFuture<CandidateScore> score(long candidateId, String instruction, Split split,
                                                   List<Example> examples, Runnable onExampleDone) {
        return scorer.score(instruction, examples).thenApply(value -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalStateException("the instruction scorer returned no finite score for '" + instruction + "'");
            }
            double penalized = penalty.apply(value, instruction, 0);
            recorder.score(candidateId, split, value, split == Split.TRAIN ? penalized : null);
            return new CandidateScore(value, penalized, List.of());
        });
    }
}
