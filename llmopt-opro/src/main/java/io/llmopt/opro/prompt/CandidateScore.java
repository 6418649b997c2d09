package io.llmopt.opro.prompt;

import java.util.List;
import java.util.OptionalDouble;

/**
 * An instruction's score on one split.
 *
 * @param accuracy  the mean per-example score (or the instruction scorer's value)
 * @param penalized the cost-aware score (equal to the accuracy without penalties)
 * @param outcomes  per-example outcomes in the split's example order; empty for an {@link InstructionScorer}
 */
public record CandidateScore(double accuracy, double penalized, List<ExampleOutcome> outcomes) {

    public CandidateScore {
        outcomes = List.copyOf(outcomes);
    }

    public boolean hasExamples() {
        return !outcomes.isEmpty();
    }

    /** Mean estimated tokens of the scorer's outputs, if there were outputs. */
    public OptionalDouble meanOutputTokens() {
        return outcomes.stream().mapToLong(ExampleOutcome::outputTokens).average();
    }
}
