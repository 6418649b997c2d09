package io.llmopt.opro.racing;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of racing one step's candidates.
 *
 * @param outcomes one per candidate, in the order the candidates were given
 * @param bar      what the candidates had to reach
 */
public record RacingResult(List<CandidateOutcome> outcomes, Bar bar) {

    public RacingResult {
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(bar, "bar");
    }

    /** The candidates scored on the whole split: the ones whose scores go into the history. */
    public List<CandidateOutcome> survivors() {
        return outcomes.stream().filter(CandidateOutcome::scoredOnFullSplit).toList();
    }

    /** The candidates dropped early. */
    public List<CandidateOutcome> dropped() {
        return outcomes.stream().filter(o -> !o.scoredOnFullSplit()).toList();
    }

    /** All scorer calls racing made for this step. */
    public long scorerCalls() {
        return outcomes.stream().mapToLong(CandidateOutcome::scorerCalls).sum();
    }
}
