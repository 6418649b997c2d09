package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a chat-completions request body into a {@link SimRequest}, or says why it cannot. */
final class SimRequestParser {

    /** The body is not a chat-completions request; the message goes into a 400 reply. */
    static final class InvalidRequestException extends Exception {
        InvalidRequestException(String message) {
            super(message);
        }
    }

    private final ObjectMapper mapper;

    SimRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    SimRequest parse(byte[] body, Map<String, String> headers) throws InvalidRequestException {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("could not parse the JSON body");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidRequestException("the body must be a JSON object");
        }
        JsonNode messagesNode = json.get("messages");
        if (messagesNode == null || !messagesNode.isArray() || messagesNode.isEmpty()) {
            throw new InvalidRequestException("'messages' must be a non-empty array");
        }
        List<SimMessage> messages = new ArrayList<>(messagesNode.size());
        for (JsonNode m : messagesNode) {
            messages.add(new SimMessage(m.path("role").asText(""), content(m.get("content"))));
        }
        JsonNode maxTokens = json.has("max_tokens") ? json.get("max_tokens") : json.get("max_completion_tokens");
        return new SimRequest(
                text(json.get("model")),
                messages,
                json.hasNonNull("temperature") ? json.get("temperature").asDouble() : null,
                json.hasNonNull("top_p") ? json.get("top_p").asDouble() : null,
                maxTokens != null && !maxTokens.isNull() ? maxTokens.asInt() : null,
                stop(json.get("stop")),
                json.hasNonNull("seed") ? json.get("seed").asLong() : null,
                json.hasNonNull("n") ? json.get("n").asInt() : 1,
                headers,
                json);
    }

    /** Content is a string, or (newer clients) an array of parts whose text parts are joined. */
    private static String content(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : node) {
                sb.append(part.path("text").asText(""));
            }
            return sb.toString();
        }
        return node.asText();
    }

    private static List<String> stop(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            List<String> stops = new ArrayList<>(node.size());
            node.forEach(s -> stops.add(s.asText()));
            return stops;
        }
        return List.of(node.asText());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
