package io.llmopt.core.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened in a run, worth showing a person or keeping in the store's event log.
 *
 * @param time    when it happened
 * @param runId   the run it belongs to
 * @param level   how much it matters
 * @param type    a short machine-readable name, e.g. "step.finished", "candidate.dropped", "endpoint.down"
 * @param message one human-readable line
 * @param data    small structured details (numbers, ids), never secrets or whole prompts
 */
public record RunEvent(Instant time, String runId, Level level, String type, String message, Map<String, Object> data) {

    /** Severity, as logs know it. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    public RunEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static RunEvent info(String runId, String type, String message, Map<String, Object> data) {
        return new RunEvent(Instant.now(), runId, Level.INFO, type, message, data);
    }

    public static RunEvent warn(String runId, String type, String message, Map<String, Object> data) {
        return new RunEvent(Instant.now(), runId, Level.WARN, type, message, data);
    }
}
