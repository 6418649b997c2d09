package io.llmopt.core.store;

import java.util.Arrays;

/** What became of a candidate the optimizer proposed. Only {@link #KEPT} candidates are scored. */
public enum CandidateStatus {
    KEPT, DUPLICATE, FILTERED, EMPTY;

    public String wireName() {
        return name().toLowerCase();
    }

    public static CandidateStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown candidate status '" + value + "'"));
    }
}
