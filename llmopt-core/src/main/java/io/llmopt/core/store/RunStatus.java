package io.llmopt.core.store;

import java.util.Arrays;

/** Where a run is in its life. Only {@link #CREATED}, {@link #RUNNING} and {@link #INTERRUPTED} runs can be resumed. */
public enum RunStatus {
    CREATED, RUNNING, INTERRUPTED, FAILED, COMPLETED, BUDGET_REACHED;

    /** The name stored in the database and shown to users. */
    public String wireName() {
        return name().toLowerCase();
    }

    public static RunStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run status '" + value + "'"));
    }

    /** True once the run ended and will not be resumed. */
    public boolean isFinal() {
        return this == FAILED || this == COMPLETED || this == BUDGET_REACHED;
    }
}
