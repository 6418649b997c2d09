package io.llmopt.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One optimization step: the meta-prompt sent to the optimizer. A step with {@code finishedAt}
 * set is complete, which is what resume looks for.
 */
public record StepRecord(String runId, int index, String metaPrompt, Instant startedAt, Instant finishedAt) {

    public StepRecord {
        Objects.requireNonNull(runId, "runId");
        if (index < 0) {
            throw new IllegalArgumentException("step index must be >= 0, got " + index);
        }
    }

    public boolean finished() {
        return finishedAt != null;
    }
}
