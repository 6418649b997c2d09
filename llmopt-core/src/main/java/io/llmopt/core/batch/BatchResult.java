package io.llmopt.core.batch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What became of one request of a batch.
 *
 * @param customId   the request's id
 * @param statusCode the HTTP status the provider's run of it got, or 0 when it did not run
 * @param body       the reply body (a completion, or an error object), or null when it did not run
 * @param errorCode  why it did not run (e.g. batch_expired, batch_cancelled), or null
 */
public record BatchResult(String customId, int statusCode, JsonNode body, String errorCode, String errorMessage) {

    public boolean succeeded() {
        return statusCode == 200 && body != null;
    }
}
