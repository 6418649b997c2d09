package io.llmopt.bpo.pipeline;

import io.llmopt.core.events.RunListener;
import io.llmopt.core.store.RunStore;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Where a pipeline keeps its work and whom it tells: the run store and run id its work items go
 * to, the listener for progress and events, and the flag that asks it to stop.
 *
 * <p>The run itself (created, resumed, finished) belongs to the caller, so the same pipeline runs
 * under the CLI's run life cycle or in a library user's own code.
 *
 * @param store         the run store receiving one work item per record and stage
 * @param runId         the run those items belong to
 * @param listener      receives progress snapshots and events; must be quick and thread-safe
 * @param stopRequested polled before each record starts: once true no new record starts, records
 *                      in flight finish and are stored, so a re-run resumes exactly after them
 */
public record RunContext(RunStore store, String runId, RunListener listener, BooleanSupplier stopRequested) {

    public RunContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(runId, "runId");
        listener = listener == null ? RunListener.NONE : listener;
        stopRequested = stopRequested == null ? () -> false : stopRequested;
    }

    /** A context without listener that never stops early. */
    public static RunContext of(RunStore store, String runId) {
        return new RunContext(store, runId, RunListener.NONE, () -> false);
    }

    public RunContext withListener(RunListener value) {
        return new RunContext(store, runId, value, stopRequested);
    }

    public RunContext withStop(BooleanSupplier value) {
        return new RunContext(store, runId, listener, value);
    }
}
