package io.llmopt.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened during a run, for the run's history and the web view.
 *
 * @param type     a short machine-readable type, e.g. "step-finished", "retry", "budget"
 * @param message  a human-readable line, or null
 * @param dataJson structured details as JSON, or null
 */
public record EventRecord(String runId, Instant at, EventLevel level, String type, String message, String dataJson) {

    public EventRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(type, "type");
    }
}
