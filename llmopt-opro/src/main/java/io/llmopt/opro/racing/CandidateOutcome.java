package io.llmopt.opro.racing;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What racing learned about one candidate.
 *
 * @param instruction       the candidate instruction
 * @param droppedAfter how many examples of the racing order it had been scored on when the test
 *                     dropped it; empty when it was scored on the whole split
 * @param results      the results the test saw, in the racing order (the first {@code droppedAfter}
 *                     examples of the order when dropped, all of them otherwise)
 * @param scorerCalls  how many scorer calls it used: for a dropped candidate also the calls that
 *                     were already in flight when it was dropped
 */
public record CandidateOutcome(String instruction, OptionalInt droppedAfter, List<RacedExample> results,
                               int scorerCalls) {

    public CandidateOutcome {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(droppedAfter, "droppedAfter");
        results = List.copyOf(results);
    }

    /** Whether it was scored on the whole split, and so has a training accuracy to show. */
    public boolean scoredOnFullSplit() {
        return droppedAfter.isEmpty();
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
        return results.stream().filter(RacedExample::correct).count() / (double) results.size();
    }

    /**
     * Its per-example results indexed by example index, ready to become an {@link Incumbent};
     * only for a candidate scored on the whole split.
     */
    public boolean[] fullResults() {
        if (!scoredOnFullSplit()) {
            throw new IllegalStateException("candidate was dropped after " + droppedAfter.getAsInt()
                    + " examples; it has no full-split results");
        }
        boolean[] byIndex = new boolean[results.size()];
        for (RacedExample r : results) {
            byIndex[r.exampleIndex()] = r.correct();
        }
        return byIndex;
    }

    /** This candidate as an incumbent for later steps; only for a candidate scored on the whole split. */
    public Incumbent toIncumbent() {
        return new Incumbent(instruction, fullResults());
    }
}
