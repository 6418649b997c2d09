package io.llmopt.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A generic resumable unit of a run: a BPO stage's record, a numeric proposal, anything keyed.
 * Unique per (run, kind, key); recording it again replaces payload and status.
 *
 * @param kind        what sort of item, e.g. "bpo-pair", "bpo-rewrite", "linreg-proposal"
 * @param key         the item's key within its kind (e.g. the source record id)
 * @param payloadJson the item's data as JSON, or null
 * @param status      e.g. "pending", "done", "failed"; resume asks for items by status
 * @param updatedAt   when it was last recorded (set by the store when null)
 */
public record WorkItem(String runId, String kind, String key, String payloadJson, String status, Instant updatedAt) {

    public static final String DONE = "done";
    public static final String PENDING = "pending";
    public static final String FAILED = "failed";

    public WorkItem {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
    }

    public static WorkItem done(String runId, String kind, String key, String payloadJson) {
        return new WorkItem(runId, kind, key, payloadJson, DONE, null);
    }
}
