package io.llmopt.bpo.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a chat fine-tuning file against the rules of OpenAI's fine-tuning API before anything is
 * uploaded, so that a bad file fails here with its line instead of minutes later at the provider:
 * one JSON object a line with a non-empty {@code messages} list of system, user and assistant
 * messages with text content, at least one assistant message, at least 10 examples, each within
 * the model's training context, the whole file within the upload limit.
 */
public final class TrainingFileCheck {

    /** What the check found: how many examples, about how many tokens, and advice that is not an error. */
    public record Result(int examples, long estimatedTokens, List<String> warnings) {
    }

    /** The fewest examples OpenAI accepts, and the fewest it recommends. */
    public static final int MIN_EXAMPLES = 10;
    public static final int RECOMMENDED_EXAMPLES = 50;
    /** OpenAI's upload limit for a fine-tuning file. */
    public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
    /** The training context of OpenAI's smaller fine-tunable models (tokens per example). */
    public static final int DEFAULT_MAX_EXAMPLE_TOKENS = 65_536;

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int maxExampleTokens;

    public TrainingFileCheck(int maxExampleTokens) {
        this.maxExampleTokens = maxExampleTokens;
    }

    public static TrainingFileCheck defaults() {
        return new TrainingFileCheck(DEFAULT_MAX_EXAMPLE_TOKENS);
    }

    /** Checks {@code content}; throws IllegalArgumentException naming {@code name} and the line. */
    public Result check(String name, byte[] content) {
        if (content.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(name + ": " + content.length + " bytes; a fine-tuning file may have at most "
                    + MAX_FILE_BYTES);
        }
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        int examples = 0;
        long tokens = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            long exampleTokens = checkLine(name + " line " + (i + 1), line);
            if (exampleTokens > maxExampleTokens) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + ": about " + exampleTokens
                        + " tokens; the model trains on at most " + maxExampleTokens + " per example");
            }
            tokens += exampleTokens;
            examples++;
        }
        if (examples < MIN_EXAMPLES) {
            throw new IllegalArgumentException(name + ": " + examples + " example(s); fine-tuning needs at least "
                    + MIN_EXAMPLES + " (build more pairs)");
        }
        List<String> warnings = new ArrayList<>();
        if (examples < RECOMMENDED_EXAMPLES) {
            warnings.add(examples + " examples: providers recommend at least " + RECOMMENDED_EXAMPLES
                    + " for a noticeable effect (the paper trained on about 14,000 pairs)");
        }
        return new Result(examples, tokens, List.copyOf(warnings));
    }

    private static long checkLine(String where, String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid JSON");
        }
        JsonNode messages = node == null ? null : node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException(where + ": expected {\"messages\": [...]} with at least one message");
        }
        boolean assistant = false;
        long tokens = 0;
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException(where + ": a message has role '" + role + "'; expected one of " + ROLES);
            }
            JsonNode content = m.get("content");
            if (content == null || !content.isTextual() || content.asText().isBlank()) {
                throw new IllegalArgumentException(where + ": a " + role + " message has no text content");
            }
            assistant |= role.equals("assistant");
            // about 4 characters a token, plus the few tokens each message's framing costs
            tokens += content.asText().length() / 4 + 4;
        }
        if (!assistant) {
            throw new IllegalArgumentException(where + ": no assistant message, so nothing to learn");
        }
        return tokens;
    }
}
