package io.llmopt.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One request of a batch: its id within the submission and the request body as the endpoint takes it.
 *
 * @param customId unique within a submission; the provider echoes it with the result
 * @param body     the request body (model, messages or prompt, sampling fields)
 */
public record BatchLine(String customId, JsonNode body) {

    public BatchLine {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(body, "body");
    }
}
