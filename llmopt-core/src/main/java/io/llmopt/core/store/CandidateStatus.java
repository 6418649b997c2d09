package io.llmopt.core.store;

import java.util.Arrays;

/**
 * What became of a candidate the optimizer proposed. Only {@link #KEPT} candidates are scored on
 * the whole training split; a {@link #RACED_OUT} one was kept, then dropped by racing evaluation
 * part-way through the split (its partial per-example results are stored, its score is not).
 */
public enum CandidateStatus {
    KEPT, DUPLICATE, FILTERED, EMPTY, RACED_OUT;

    public String wireName() {
        return name().toLowerCase();
    }

    public static CandidateStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown candidate status '" + value + "'"));
    }
}
