package io.llmopt.opro.grading;

/**
 * Which grading rules to apply.
 *
 * <p>{@link #REFERENCE} reproduces the OPRO reference implementation's decisions exactly, quirks
 * included, so that paper numbers can be reproduced. {@link #STRICT} fixes those quirks; each
 * difference is listed in {@code docs/grading.md}.
 */
public enum GradingMode {
    /** Byte-for-byte the reference's decisions (google-deepmind/opro metrics.py and eval_utils.py). */
    REFERENCE,
    /** The reference's intent without its false positives and false negatives; the default. */
    STRICT;

    /** The mode used when none is configured. */
    public static GradingMode defaultMode() {
        return STRICT;
    }
}
