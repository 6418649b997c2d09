package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;

/** One event of a hosted fine-tuning job (a step's loss, a state change, an error). */
public record FineTuningEvent(String id, long createdAt, String level, String message) {

    static FineTuningEvent from(JsonNode node) {
        return new FineTuningEvent(node.path("id").asText(), node.path("created_at").asLong(),
                node.path("level").asText("info"), node.path("message").asText(""));
    }
}
