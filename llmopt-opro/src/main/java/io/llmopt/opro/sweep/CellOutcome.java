package io.llmopt.opro.sweep;

import io.llmopt.core.accounting.UsageSnapshot;
import io.llmopt.core.store.RunStatus;
import java.util.Objects;

/**
 * How one run of a sweep ended in this attempt.
 *
 * @param cell   the run's place in the grid
 * @param runId  its opro-prompt run, or null when it was never started (the sweep stopped first)
 * @param status its status; {@code CREATED} when it was never started
 * @param kept   true when it had completed in an earlier attempt and was kept as it was
 * @param usage  what it spent in this attempt (none when kept or never started)
 * @param error  why it did not complete, or null
 */
public record CellOutcome(SweepCell cell, String runId, RunStatus status, boolean kept, UsageSnapshot usage, String error) {

    public CellOutcome {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(status, "status");
    }

    public boolean completed() {
        return status == RunStatus.COMPLETED;
    }
}
