package io.llmopt.opro.racing;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What racing learned about one candidate.
 *
 * @param instruction       the candidate instruction
 * @param droppedAfterRound the 0-based round after which it was dropped; empty when it was scored
 *                          on the whole split
 * @param results           its results, in the racing order (a prefix of the order when dropped)
 * @param scorerCalls       how many scorer calls it used (one per result)
 */
public record CandidateOutcome(String instruction, OptionalInt droppedAfterRound, List<ExampleResult> results,
                               int scorerCalls) {

    public CandidateOutcome {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(droppedAfterRound, "droppedAfterRound");
        results = List.copyOf(results);
    }

    /** Whether it was scored on the whole split, and so has a training accuracy to show. */
    public boolean scoredOnFullSplit() {
        return droppedAfterRound.isEmpty();
    }

    /** Its full-split training accuracy; empty when it was dropped. */
    public OptionalDouble accuracy() {
        return scoredOnFullSplit() ? OptionalDouble.of(partialAccuracy()) : OptionalDouble.empty();
    }

    /** Its accuracy on the examples it was scored on (for a dropped candidate, a biased-low estimate). */
    public double partialAccuracy() {
        if (results.isEmpty()) {
            return Double.NaN;
        }
        return results.stream().filter(ExampleResult::correct).count() / (double) results.size();
    }

    /**
     * Its per-example results indexed by example index, ready to become an {@link Incumbent};
     * only for a candidate scored on the whole split.
     */
    public boolean[] fullResults() {
        if (!scoredOnFullSplit()) {
            throw new IllegalStateException("candidate was dropped after round " + droppedAfterRound.getAsInt()
                    + "; it has results on " + results.size() + " examples only");
        }
        boolean[] byIndex = new boolean[results.size()];
        for (ExampleResult r : results) {
            byIndex[r.exampleIndex()] = r.correct();
        }
        return byIndex;
    }

    /** This candidate as an incumbent for later steps; only for a candidate scored on the whole split. */
    public Incumbent toIncumbent() {
        return new Incumbent(instruction, fullResults());
    }
}
