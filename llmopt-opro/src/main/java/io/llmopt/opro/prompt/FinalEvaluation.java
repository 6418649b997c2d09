package io.llmopt.opro.prompt;

import io.llmopt.core.store.Split;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Instructions scored on one split (the test split after a search), each with a confidence
 * interval and a paired comparison against the baseline (the first baseline listed).
 *
 * @param split        the split evaluated
 * @param instructions best instructions first (search order), then the baselines
 */
public record FinalEvaluation(Split split, List<InstructionEvaluation> instructions) {

    public FinalEvaluation {
        instructions = List.copyOf(instructions);
    }

    /** The baseline every comparison refers to, if any. */
    public Optional<InstructionEvaluation> baseline() {
        return instructions.stream().filter(InstructionEvaluation::baseline).findFirst();
    }

    /** The instruction with the highest accuracy on the split (earliest listed on a tie). */
    public Optional<InstructionEvaluation> best() {
        return instructions.stream().max(Comparator.comparingDouble(InstructionEvaluation::accuracy)
                .thenComparing(e -> -instructions.indexOf(e)));
    }
}
