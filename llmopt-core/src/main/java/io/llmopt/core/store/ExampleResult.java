package io.llmopt.core.store;

import java.util.Objects;

/**
 * A candidate's result on one example of one split: the bulk of a run's data. Unique per
 * (candidate, split, example); recording it again replaces it.
 *
 * @param promptHash   hash of the prompt sent to the scorer, linking to the call log and the cache
 * @param output       the scorer's output
 * @param parsedAnswer the answer parsed from the output, or null if none could be parsed
 * @param correct      whether the grader accepted the answer
 * @param truncated    whether the scorer's reply was cut at its max_tokens (finish reason "length")
 */
public record ExampleResult(
        String runId,
        long candidateId,
        Split split,
        String exampleId,
        String promptHash,
        String output,
        String parsedAnswer,
        boolean correct,
        boolean truncated) {

    public ExampleResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(exampleId, "exampleId");
    }

    /** A result whose reply was not cut. */
    public ExampleResult(String runId, long candidateId, Split split, String exampleId, String promptHash, String output,
                         String parsedAnswer, boolean correct) {
        this(runId, candidateId, split, exampleId, promptHash, output, parsedAnswer, correct, false);
    }
}
