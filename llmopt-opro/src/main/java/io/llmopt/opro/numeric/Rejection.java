package io.llmopt.opro.numeric;

import java.util.Objects;

/**
 * Why an optimizer output did not become a candidate.
 *
 * @param reason a short, stable category ("no pair found", "repeated point", ...) that step
 *               results count by; keep it free of values so counts aggregate
 * @param detail the specifics for a human reading the log (may be empty)
 */
public record Rejection(String reason, String detail) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    public static Rejection of(String reason) {
        return new Rejection(reason, "");
    }

    public static Rejection of(String reason, String detail) {
        return new Rejection(reason, detail);
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? reason : reason + ": " + detail;
    }
}
