package io.llmopt.report.payload;

import io.llmopt.core.report.ReportJson;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.llmopt.core.store.WorkItem;
import java.util.Locale;
import java.util.Objects;

/**
 * One judged comparison of a BPO evaluation ({@code bpo-eval}): the responses to the original and
 * to the rewritten prompt, and the outcome for the rewritten one. Stored as a work item of kind
 * {@link #KIND} keyed by the evaluation prompt's id.
 *
 * @param id                 the evaluation prompt's id
 * @param category           its category, or null
 * @param original           the original user prompt
 * @param rewritten          the rewritten (optimized) prompt
 * @param outcome            "win", "tie", "lose" or "invalid" (no verdict could be read), for the rewritten prompt
 * @param originalResponse   the responder's answer to the original prompt, or null
 * @param rewrittenResponse  the responder's answer to the rewritten prompt, or null
 * @param positionConsistent whether both judging orders agreed, or null when judged once
 */
public record BpoJudgement(
        String id,
        String category,
        String original,
        String rewritten,
        // the eval pipeline's payload names these verdict, response_original and response_rewritten
        @JsonAlias("verdict") String outcome,
        @JsonAlias("response_original") String originalResponse,
        @JsonAlias("response_rewritten") String rewrittenResponse,
        Boolean positionConsistent) {

    public static final String KIND = "bpo.judgement";

    public BpoJudgement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        outcome = outcome.toLowerCase(Locale.ROOT);
    }

    public WorkItem toWorkItem(String runId) {
        return WorkItem.done(runId, KIND, id, ReportJson.write(this));
    }

    public static BpoJudgement from(WorkItem item) {
        return ReportJson.read(item.payloadJson(), BpoJudgement.class);
    }
}
