package io.llmopt.opro.prompt;

import io.llmopt.core.events.Progress;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Makes the {@link Progress} snapshots a run reports. The CLI passes its active run's, which adds
 * calls, tokens and cost from the model stack; {@link #basic} knows only the loop's own counts.
 */
@FunctionalInterface
public interface ProgressSource {

    Progress progress(String phase, int step, int totalSteps, long unitsDone, long unitsTotal, OptionalDouble best,
                      int bestStep);

    /** Progress with the elapsed time since this call and no call or cost figures. */
    static ProgressSource basic(String runId) {
        long start = System.nanoTime();
        return (phase, step, totalSteps, unitsDone, unitsTotal, best, bestStep) -> new Progress(runId, phase, step,
                totalSteps, unitsDone, unitsTotal, best, bestStep, 0, 0, 0, 0, 0,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
