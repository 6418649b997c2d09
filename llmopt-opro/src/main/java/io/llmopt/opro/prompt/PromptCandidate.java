package io.llmopt.opro.prompt;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import java.util.Objects;

/**
 * One instruction the run considered: an initial instruction (step 0) or a candidate the
 * optimizer generated at a step, kept and scored or dropped with the reason.
 *
 * @param id              the candidate's id in the run (and the store)
 * @param step            0 for the initial instructions, else the search step (1-based)
 * @param instruction     the instruction after extraction and polishing
 * @param rawOutput       the optimizer output it came from (null for initial instructions)
 * @param status          kept, or why it was dropped
 * @param reason          the drop reason's name, or a note; null for a plain kept candidate
 * @param trainScore      accuracy on the training split, when scored
 * @param penalizedScore  the cost-aware training score the meta-prompt shows, when scored
 * @param validationScore accuracy on the validation split, when validated
 * @param testScore       accuracy on the test split, when tested
 */
public record PromptCandidate(long id, int step, String instruction, String rawOutput, CandidateStatus status,
                              String reason, Double trainScore, Double penalizedScore, Double validationScore,
                              Double testScore) {

    public PromptCandidate {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(status, "status");
    }

    static PromptCandidate fromRecord(CandidateRecord r) {
        Double penalized = r.penalizedScore() != null ? r.penalizedScore() : r.trainScore();
        return new PromptCandidate(r.id(), r.step(), r.text(), r.rawOutput(), r.status(), r.reason(), r.trainScore(),
                penalized, r.validationScore(), r.testScore());
    }

    CandidateRecord toRecord(String runId) {
        return CandidateRecord.proposed(runId, id, step, instruction, rawOutput, status, reason);
    }

    public boolean kept() {
        return status == CandidateStatus.KEPT;
    }

    public boolean scored() {
        return trainScore != null;
    }

    PromptCandidate withTrain(CandidateScore score) {
        return new PromptCandidate(id, step, instruction, rawOutput, status, reason, score.accuracy(), score.penalized(),
                validationScore, testScore);
    }

    PromptCandidate withValidation(double score) {
        return new PromptCandidate(id, step, instruction, rawOutput, status, reason, trainScore, penalizedScore, score,
                testScore);
    }

    PromptCandidate withTest(double score) {
        return new PromptCandidate(id, step, instruction, rawOutput, status, reason, trainScore, penalizedScore,
                validationScore, score);
    }
}
