package io.llmopt.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One run as stored.
 *
 * @param id         e.g. "20261122-153012-ab12" (see {@link RunIds})
 * @param kind       what the run does: "opro-prompt", "opro-linreg", "bpo-pairs", ...
 * @param name       a user label, or null
 * @param configJson the run's configuration as JSON, secrets already redacted
 * @param status     where the run is in its life
 * @param createdAt  when the run was created
 * @param startedAt  when it last started (or resumed), or null
 * @param finishedAt when it ended, or null
 * @param summaryJson a JSON summary such as the best score, or null
 */
public record RunRecord(
        String id,
        String kind,
        String name,
        String configJson,
        RunStatus status,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String summaryJson) {

    public RunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        configJson = configJson == null ? "{}" : configJson;
    }
}
