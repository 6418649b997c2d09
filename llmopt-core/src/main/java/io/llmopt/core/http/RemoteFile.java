package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;

/** A file held by an OpenAI-compatible files API. */
public record RemoteFile(String id, String filename, String purpose, long bytes) {

    static RemoteFile from(JsonNode node) {
        return new RemoteFile(node.path("id").asText(), node.path("filename").asText(null),
                node.path("purpose").asText(null), node.path("bytes").asLong());
    }
}
