package io.llmopt.opro.grading;

import java.util.List;

/**
 * Totals of an offline grading run.
 *
 * @param mode the grading mode used
 * @param graded rows graded
 * @param correct rows graded correct
 * @param malformed rows skipped as malformed
 * @param errors one line per malformed row: {@code file:line: problem}
 */
public record OfflineGradingReport(GradingMode mode, int graded, int correct, int malformed, List<String> errors) {

    public OfflineGradingReport {
        errors = List.copyOf(errors);
    }

    /** Correct over graded, between 0 and 1; 0 when nothing was graded. */
    public double accuracy() {
        return graded == 0 ? 0.0 : (double) correct / graded;
    }
}
