package io.llmopt.core.store;

import java.util.Arrays;

/** A data-set split a candidate is scored on. */
public enum Split {
    TRAIN, VALIDATION, TEST;

    public String wireName() {
        return name().toLowerCase();
    }

    public static Split fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown split '" + value + "'"));
    }
}
