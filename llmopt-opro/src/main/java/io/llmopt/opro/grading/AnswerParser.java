package io.llmopt.opro.grading;

/**
 * Extracts the answer from a scorer model's output.
 *
 * <p>A pure function of the output, the task's settings and, for multiple choice, the prompt
 * text that lists the options; {@link Grader} compares its result with the target.
 */
public interface AnswerParser {

    /**
     * The answer found in {@code output}, in the mode's canonical form; empty when none is found.
     *
     * @param output the scorer's raw output (or the second-round text prepared by
     *     {@link io.llmopt.opro.scorerprompt.ScorerOutputExtractor})
     * @param settings the task's grading settings
     * @param inputText for multiple choice, the prompt or question text holding the options
     *     ({@code (A) ...}); may be empty
     */
    String parse(String output, GradingSettings settings, String inputText);

    /** {@link #parse(String, GradingSettings, String)} without option texts. */
    default String parse(String output, GradingSettings settings) {
        return parse(output, settings, "");
    }

    /** The parser of a grading mode. */
    static AnswerParser forMode(GradingMode mode) {
        return switch (mode) {
            case REFERENCE -> new ReferenceAnswerParser();
            case STRICT -> new StrictAnswerParser();
        };
    }
}
