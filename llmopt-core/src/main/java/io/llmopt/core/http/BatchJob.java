package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A provider batch job as the OpenAI-compatible API reports it.
 *
 * @param status       validating, failed, in_progress, finalizing, completed, expired, cancelling or cancelled
 * @param outputFileId the file of the replies that succeeded, once written, else null
 * @param errorFileId  the file of the requests that failed or did not run, else null
 * @param error        the server's reason when the whole job failed, else null
 */
public record BatchJob(String id, String status, String inputFileId, String outputFileId, String errorFileId,
                       int total, int completed, int failed, String error) {

    private static final Set<String> FINAL = Set.of("completed", "failed", "expired", "cancelled");

    public boolean isFinal() {
        return FINAL.contains(status);
    }

    static BatchJob from(JsonNode node) {
        JsonNode counts = node.path("request_counts");
        JsonNode errors = node.path("errors").path("data");
        String reason = errors.isArray() && !errors.isEmpty() ? errors.get(0).path("message").asText(null) : null;
        return new BatchJob(node.path("id").asText(), node.path("status").asText(), node.path("input_file_id").asText(null),
                text(node, "output_file_id"), text(node, "error_file_id"), counts.path("total").asInt(),
                counts.path("completed").asInt(), counts.path("failed").asInt(), reason);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
