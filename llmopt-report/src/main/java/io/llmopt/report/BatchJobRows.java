package io.llmopt.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.report.ReportJson;
import io.llmopt.core.store.EventRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's batch jobs from its events, in the order they were submitted: a job followed again
 * after a restart is one row, and a job with no end recorded is still running (a stopped run
 * leaves its jobs running at the provider).
 */
public final class BatchJobRows {

    static final String SUBMITTED = "batch.submitted";
    static final String ENDED = "batch.ended";

    private BatchJobRows() {
    }

    public static List<BatchJobRow> of(List<EventRecord> events) {
        Map<String, BatchJobRow> jobs = new LinkedHashMap<>();
        for (EventRecord e : events) {
            if (!SUBMITTED.equals(e.type()) && !ENDED.equals(e.type())) {
                continue;
            }
            JsonNode data = e.dataJson() == null ? null : ReportJson.tree(e.dataJson());
            if (data == null || !data.hasNonNull("batch_id")) {
                continue;
            }
            String id = data.path("batch_id").asText();
            BatchJobRow before = jobs.get(id);
            int requests = data.path("requests").asInt(before == null ? 0 : before.requests());
            String model = data.path("model").asText(before == null ? "" : before.model());
            if (SUBMITTED.equals(e.type())) {
                jobs.putIfAbsent(id, new BatchJobRow(id, model, requests, "running", null, null, null));
            } else {
                jobs.put(id, new BatchJobRow(id, model, requests, data.path("status").asText("ended"),
                        data.path("duration_ms").asLong(), data.path("cost").asDouble(), data.path("saved").asDouble()));
            }
        }
        return new ArrayList<>(jobs.values());
    }

    /** The money the ended jobs saved against the same calls made live. */
    public static double saved(List<BatchJobRow> jobs) {
        return jobs.stream().filter(BatchJobRow::ended).mapToDouble(BatchJobRow::saved).sum();
    }
}
