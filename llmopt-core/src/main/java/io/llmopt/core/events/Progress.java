package io.llmopt.core.events;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * A snapshot of a run's progress, for progress bars, status lines and the dashboard.
 *
 * @param runId            the run
 * @param phase            what is being done now ("scoring", "validation", "judging", ...)
 * @param step             the current step (1-based; 0 before the first)
 * @param totalSteps       the planned number of steps (0 when unknown)
 * @param unitsDone        units of work done in this phase (scorer calls, records, ...)
 * @param unitsTotal       units planned in this phase (0 when unknown)
 * @param bestScore        the best score so far, if any
 * @param bestFoundAtStep  the step that found it (0 when none)
 * @param calls            model calls made so far in the run (cache hits included)
 * @param cacheHits        calls answered by the response cache
 * @param tokens           prompt + completion tokens billed so far
 * @param cost             money spent so far
 * @param retriedErrors    failed attempts that were retried
 * @param elapsed          wall time since the run (or its resumption) started
 */
public record Progress(
        String runId,
        String phase,
        int step,
        int totalSteps,
        long unitsDone,
        long unitsTotal,
        OptionalDouble bestScore,
        int bestFoundAtStep,
        long calls,
        long cacheHits,
        long tokens,
        double cost,
        long retriedErrors,
        Duration elapsed) {

    /**
     * Remaining time estimated from the pace of whole steps so far (or of units within the phase
     * when no step has finished), or null when there is nothing to estimate from.
     */
    public Duration eta() {
        if (totalSteps > 0 && step > 1) {
            double perStep = elapsed.toMillis() / (double) (step - 1);
            return Duration.ofMillis((long) (perStep * (totalSteps - step + 1)));
        }
        if (unitsTotal > 0 && unitsDone > 0) {
            double perUnit = elapsed.toMillis() / (double) unitsDone;
            return Duration.ofMillis((long) (perUnit * (unitsTotal - unitsDone)));
        }
        return null;
    }
}
