package io.llmopt.opro.grading;

import java.util.Objects;

/**
 * The outcome of grading one model output.
 *
 * @param parsedAnswer the answer extracted from the output (empty when none was found)
 * @param correct whether it matches the target
 * @param mode the rules that decided
 * @param reason why the answer is incorrect when that is not a plain mismatch (no answer found, an
 *     ambiguous choice, a case where the reference implementation raises); empty otherwise
 */
public record GradeResult(String parsedAnswer, boolean correct, GradingMode mode, String reason) {

    public GradeResult {
        Objects.requireNonNull(parsedAnswer, "parsedAnswer");
        Objects.requireNonNull(mode, "mode");
        reason = reason == null ? "" : reason;
    }

    /** 1 when correct, else 0: the per-example score OPRO averages. */
    public int score() {
        return correct ? 1 : 0;
    }
}
