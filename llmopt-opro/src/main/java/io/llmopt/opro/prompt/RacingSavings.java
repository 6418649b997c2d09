package io.llmopt.opro.prompt;

import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import java.util.Optional;

/**
 * What racing saved in a run: the search steps' candidates that were raced, how many were dropped
 * early, and the training-split scorer calls they took against what full evaluation would have.
 * Read from the run's result and store, so it also holds for a run resumed from the store.
 *
 * @param raced       search-step candidates that were scored (kept or raced out)
 * @param racedOut    of those, the ones dropped early
 * @param scorerCalls training-split scorer calls they took (a dropped one's calls in flight included)
 * @param fullCalls   what full evaluation would have taken: {@code raced} × the training split
 */
public record RacingSavings(int raced, int racedOut, long scorerCalls, long fullCalls) {

    /** Empty when no candidate was raced out (full evaluation, or racing that dropped nothing). */
    public static Optional<RacingSavings> of(PromptOptimizationResult result, RunStore store, int trainSize) {
        int raced = 0;
        int racedOut = 0;
        long calls = 0;
        for (PromptCandidate c : result.candidates()) {
            if (c.step() == 0) {
                continue; // the initial instructions are always scored in full
            }
            if (c.status() == CandidateStatus.RACED_OUT) {
                raced++;
                racedOut++;
                calls += store.exampleTally(result.runId(), c.id(), Split.TRAIN).total();
            } else if (c.kept() && c.trainScore() != null) {
                raced++;
                calls += trainSize;
            }
        }
        return racedOut == 0 ? Optional.empty()
                : Optional.of(new RacingSavings(raced, racedOut, calls, (long) raced * trainSize));
    }

    /** How many times fewer calls than full evaluation. */
    public double factor() {
        return scorerCalls == 0 ? Double.POSITIVE_INFINITY : (double) fullCalls / scorerCalls;
    }
}
