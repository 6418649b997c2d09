package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A hosted fine-tuning job as the OpenAI-compatible API reports it.
 *
 * @param status         validating_files, queued, running, succeeded, failed or cancelled
 * @param fineTunedModel the new model's name once the job succeeded, else null
 * @param trainedTokens  tokens billed for training once known, else null
 * @param error          the server's reason when the job failed, else null
 */
public record FineTuningJob(String id, String model, String status, String fineTunedModel, Long trainedTokens,
                            String trainingFile, String error) {

    private static final Set<String> FINAL = Set.of("succeeded", "failed", "cancelled");

    public boolean isFinal() {
        return FINAL.contains(status);
    }

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    static FineTuningJob from(JsonNode node) {
        JsonNode error = node.path("error");
        String reason = error.isObject() && error.hasNonNull("message") ? error.get("message").asText() : null;
        return new FineTuningJob(node.path("id").asText(), node.path("model").asText(null), node.path("status").asText(),
                node.path("fine_tuned_model").isNull() ? null : node.path("fine_tuned_model").asText(null),
                node.path("trained_tokens").isNumber() ? node.get("trained_tokens").asLong() : null,
                node.path("training_file").asText(null), reason);
    }
}
