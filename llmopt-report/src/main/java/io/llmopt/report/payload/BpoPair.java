package io.llmopt.report.payload;

import io.llmopt.core.report.ReportJson;

import io.llmopt.core.store.WorkItem;
import java.util.Objects;

/**
 * One constructed pair of a BPO pair run ({@code bpo-pairs}): a user prompt and the optimized
 * prompt built from its preference record. Stored as a work item of kind {@link #KIND} keyed by
 * the preference record's id.
 *
 * @param id        the preference record's id
 * @param category  its category or source data set, or null
 * @param original  the user prompt
 * @param optimized the optimized prompt, or null when none could be built
 * @param status    the pair's fate: {@link #KEPT}, {@link #FILTERED} (an unusable reply or a filter
 *                  dropped it) or {@link #FAILED} (the call failed; tried again on resume). The one
 *                  record of a pair's fate: the pipeline writes it, and the terminal, {@code runs},
 *                  the report and the dashboard read it from here.
 * @param reason    why it was dropped, or null when kept
 */
public record BpoPair(String id, String category, String original, String optimized, String status, String reason) {

    public static final String KIND = "bpo.pair";
    public static final String KEPT = "kept";
    public static final String FILTERED = "filtered";
    public static final String FAILED = "failed";

    public BpoPair {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** True when the pair passed the filters and belongs to the pair set. */
    public boolean kept() {
        return KEPT.equals(status);
    }

    public WorkItem toWorkItem(String runId) {
        return WorkItem.done(runId, KIND, id, ReportJson.write(this));
    }

    public static BpoPair from(WorkItem item) {
        return ReportJson.read(item.payloadJson(), BpoPair.class);
    }
}
