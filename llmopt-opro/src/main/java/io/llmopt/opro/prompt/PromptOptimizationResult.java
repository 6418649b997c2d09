package io.llmopt.opro.prompt;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a prompt optimization produced.
 *
 * @param runId           the run
 * @param steps           every step, step 0 (the initial instructions) first
 * @param candidates      every candidate, in id order, with their latest scores
 * @param finalEvaluation the best and the initial instructions on the test split; null when the run
 *                        stopped early or had no test examples
 * @param stopped         true when a stop request ended the run before it finished (it can be resumed)
 */
public record PromptOptimizationResult(String runId, List<StepSummary> steps, List<PromptCandidate> candidates,
                                       FinalEvaluation finalEvaluation, boolean stopped) {

    public PromptOptimizationResult {
        steps = List.copyOf(steps);
        candidates = List.copyOf(candidates);
    }

    /** Kept and scored candidates, best cost-aware training score first (earlier candidates win ties). */
    public List<PromptCandidate> ranked() {
        return rank(candidates);
    }

    /** The best instruction by cost-aware training score. */
    public Optional<PromptCandidate> best() {
        return ranked().stream().findFirst();
    }

    public int stepsDone() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
    }

    static List<PromptCandidate> rank(List<PromptCandidate> candidates) {
        return candidates.stream().filter(c -> c.kept() && c.scored())
                .sorted(Comparator.comparingDouble((PromptCandidate c) -> -c.penalizedScore())
                        .thenComparingLong(PromptCandidate::id))
                .toList();
    }
}
