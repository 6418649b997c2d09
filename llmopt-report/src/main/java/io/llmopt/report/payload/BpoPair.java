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
 * @param kept      whether the pair passed the filters
 * @param reason    why it was dropped, or null
 */
public record BpoPair(String id, String category, String original, String optimized, boolean kept, String reason) {

    public static final String KIND = "bpo.pair";

    public BpoPair {
        Objects.requireNonNull(id, "id");
    }

    public WorkItem toWorkItem(String runId) {
        return WorkItem.done(runId, KIND, id, ReportJson.write(this));
    }

    public static BpoPair from(WorkItem item) {
        return ReportJson.read(item.payloadJson(), BpoPair.class);
    }
}
