package io.llmopt.opro.prompt;

import java.util.Objects;

/**
 * What one instruction got on one example.
 *
 * @param exampleId    the example
 * @param promptHash   hash of the scorer request (links to the call log and the cache), or null
 * @param output       the scorer's output ("" for a metric that has none)
 * @param parsedAnswer the answer parsed from it, or null when none was found
 * @param score        the per-example score, 0 to 1 (1 correct, 0 wrong for graded answers)
 * @param outputTokens estimated tokens of the output, for the cost-aware score
 * @param truncated    the scorer's reply was cut at its max_tokens (finish reason "length")
 */
public record ExampleOutcome(String exampleId, String promptHash, String output, String parsedAnswer, double score,
                             long outputTokens, boolean truncated) {

    public ExampleOutcome {
        Objects.requireNonNull(exampleId, "exampleId");
        output = output == null ? "" : output;
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("an example score must be between 0 and 1, got " + score
                    + " for example " + exampleId);
        }
    }

    /** An outcome whose reply was not cut (or that has no reply). */
    public ExampleOutcome(String exampleId, String promptHash, String output, String parsedAnswer, double score,
                          long outputTokens) {
        this(exampleId, promptHash, output, parsedAnswer, score, outputTokens, false);
    }

    public boolean correct() {
        return score >= 0.5;
    }
}
