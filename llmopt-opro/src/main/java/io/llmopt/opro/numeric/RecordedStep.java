package io.llmopt.opro.numeric;

import java.util.List;
import java.util.Objects;

/**
 * A step as it was recorded, before the optimizer recomputes the best value from it: what a
 * resumed run replays instead of asking the optimizer and the objective again.
 *
 * @param step        0 for the starting solutions, then 1, 2, ...
 * @param metaPrompt  the meta-prompt that was sent (empty for step 0)
 * @param outputs     the raw optimizer outputs, in sample order
 * @param rejections  the outputs that gave no valid solution
 * @param rejectedOutputs for each rejection, the index in {@code outputs} of the output it rejects
 * @param duplicates  outputs whose solution had been evaluated before
 * @param evaluations the evaluations of the step, in proposal order
 * @param <S>         the solution type
 */
public record RecordedStep<S>(
        int step,
        String metaPrompt,
        List<String> outputs,
        List<Rejection> rejections,
        List<Integer> rejectedOutputs,
        int duplicates,
        List<Evaluation<S>> evaluations) {

    public RecordedStep {
        Objects.requireNonNull(metaPrompt, "metaPrompt");
        outputs = List.copyOf(outputs);
        rejections = List.copyOf(rejections);
        rejectedOutputs = List.copyOf(rejectedOutputs);
        evaluations = List.copyOf(evaluations);
    }
}
