package io.llmopt.opro.numeric;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What happened in one step: the outputs the optimizer gave, what was rejected and why, what
 * was evaluated, and the best value so far. Step 0 scores the starting solutions.
 *
 * @param step        0 for the starting solutions, then 1, 2, ...
 * @param metaPrompt  the meta-prompt sent (empty for step 0)
 * @param outputs     the raw optimizer outputs, in sample order
 * @param rejections  one per output that gave no valid solution
 * @param rejectedOutputs for each rejection, the index in {@code outputs} of the output it rejects
 * @param duplicates  outputs whose solution had been evaluated before (not evaluated again)
 * @param evaluations the new solutions, in proposal order, with values or errors
 * @param best        the best successful evaluation so far, or null when none succeeded yet
 * @param improved    whether this step improved on the best value
 * @param <S>         the solution type
 */
public record StepResult<S>(
        int step,
        String metaPrompt,
        List<String> outputs,
        List<Rejection> rejections,
        List<Integer> rejectedOutputs,
        int duplicates,
        List<Evaluation<S>> evaluations,
        Evaluation<S> best,
        boolean improved) {

    public StepResult {
        Objects.requireNonNull(metaPrompt, "metaPrompt");
        outputs = List.copyOf(outputs);
        rejections = List.copyOf(rejections);
        rejectedOutputs = List.copyOf(rejectedOutputs);
        if (rejectedOutputs.size() != rejections.size()) {
            throw new IllegalArgumentException("one output index per rejection expected");
        }
        evaluations = List.copyOf(evaluations);
    }

    /** The raw optimizer output the {@code i}-th rejection is about. */
    public String rejectedOutput(int i) {
        return outputs.get(rejectedOutputs.get(i));
    }

    public int invalidCount() {
        return rejections.size();
    }

    /** Invalid outputs counted by {@link Rejection#reason}, sorted by reason. */
    public Map<String, Integer> invalidReasons() {
        Map<String, Integer> counts = new TreeMap<>();
        rejections.forEach(r -> counts.merge(r.reason(), 1, Integer::sum));
        return counts;
    }

    public long failedEvaluations() {
        return evaluations.stream().filter(e -> !e.succeeded()).count();
    }

    /** The best value so far, or NaN when nothing has been scored yet. */
    public double bestValue() {
        return best == null ? Double.NaN : best.value();
    }
}
