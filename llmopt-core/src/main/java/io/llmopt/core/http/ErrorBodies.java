package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Extracts a short, printable explanation from an error reply's body. */
final class ErrorBodies {

    static final int MAX_DETAIL = 300;

    private ErrorBodies() {
    }

    /**
     * The server's own message: {@code error.message} (OpenAI, vLLM), {@code error} as a string
     * (Ollama, TGI), {@code message} or {@code detail}; else the start of the body as text.
     * Truncated to {@link #MAX_DETAIL} characters; null when the body is empty.
     */
    static String serverMessage(ObjectMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root != null && root.isObject()) {
                JsonNode error = root.get("error");
                String message = null;
                if (error != null && error.isObject() && error.hasNonNull("message")) {
                    message = error.get("message").asText();
                } else if (error != null && error.isTextual()) {
                    message = error.asText();
                } else if (root.hasNonNull("message")) {
                    message = root.get("message").asText();
                } else if (root.hasNonNull("detail")) {
                    message = root.get("detail").toString();
                }
                if (message != null && !message.isBlank()) {
                    return truncate(message.strip());
                }
            }
        } catch (IOException e) {
            // not JSON: fall back to the raw text
        }
        return snippet(body);
    }

    /** The start of the body as one line of text, quoted and truncated. */
    static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_DETAIL * 4), StandardCharsets.UTF_8);
        return "'" + truncate(text.strip().replaceAll("\\s+", " ")) + "'";
    }

    static String truncate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }
}
