package io.llmopt.opro.sweep;

import io.llmopt.core.store.RunStatus;
import java.util.List;

/**
 * A sweep attempt's end.
 *
 * @param sweepId  the sweep's run id
 * @param status   completed when every run completed; else budget reached, failed or interrupted (resumable)
 * @param outcomes one per run, in grid order
 */
public record SweepResult(String sweepId, RunStatus status, List<CellOutcome> outcomes) {

    public SweepResult {
        outcomes = List.copyOf(outcomes);
    }

    public long completedRuns() {
        return outcomes.stream().filter(CellOutcome::completed).count();
    }

    public long keptRuns() {
        return outcomes.stream().filter(CellOutcome::kept).count();
    }
}
