package io.llmopt.core.store;

import java.util.Objects;

/**
 * A candidate solution (an instruction, or a numeric proposal) proposed at a step.
 *
 * @param runId           the run
 * @param id              unique within the run; from {@link RunStore#nextCandidateId(String)}
 * @param step            the step that proposed it
 * @param text            the candidate as extracted from the optimizer's output
 * @param rawOutput       the optimizer's raw output it came from, or null
 * @param status          kept, or why it was dropped
 * @param reason          a human explanation of the status, or null
 * @param trainScore      score on the training split, or null if not scored
 * @param validationScore score on the validation split, or null
 * @param testScore       score on the test split, or null
 * @param penalizedScore  score after penalties (e.g. length), or null
 */
public record CandidateRecord(
        String runId,
        long id,
        int step,
        String text,
        String rawOutput,
        CandidateStatus status,
        String reason,
        Double trainScore,
        Double validationScore,
        Double testScore,
        Double penalizedScore) {

    public CandidateRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
    }

    /** A new candidate with no scores yet. */
    public static CandidateRecord proposed(String runId, long id, int step, String text, String rawOutput,
                                           CandidateStatus status, String reason) {
        return new CandidateRecord(runId, id, step, text, rawOutput, status, reason, null, null, null, null);
    }

    public Double score(Split split) {
        return switch (split) {
            case TRAIN -> trainScore;
            case VALIDATION -> validationScore;
            case TEST -> testScore;
        };
    }
}
