package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.PatternSyntaxException;

/**
 * Loads reply rules for the standalone server from JSON:
 *
 * <pre>{@code
 * {
 *   "rules": [
 *     {"match": "capital of France", "reply": "Paris"},
 *     {"match": "(?i)^solve", "reply": "The answer is 42."}
 *   ],
 *   "default": "I do not know."
 * }
 * }</pre>
 *
 * A bare array of rules is accepted too. {@code match} is a regular expression searched in the
 * last user message; the first matching rule wins; without {@code default} unmatched requests get
 * the echo reply.
 */
public final class ReplyRulesFile {

    private ReplyRulesFile() {
    }

    /** Adds the rules of {@code file} to {@code server}. */
    public static void apply(Path file, SimulatedLlmServer server) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode rules = root != null && root.isArray() ? root : root == null ? null : root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new IOException(file + ": expected {\"rules\": [{\"match\": ..., \"reply\": ...}], \"default\": ...} or an array of rules");
        }
        int i = 0;
        for (JsonNode rule : rules) {
            i++;
            JsonNode match = rule.get("match");
            JsonNode reply = rule.get("reply");
            if (match == null || !match.isTextual() || reply == null || !reply.isTextual()) {
                throw new IOException(file + ": rule " + i + " needs string fields \"match\" and \"reply\"");
            }
            try {
                server.replyWhen(match.asText(), reply.asText());
            } catch (PatternSyntaxException e) {
                throw new IOException(file + ": rule " + i + " has an invalid regular expression: " + e.getDescription(), e);
            }
        }
        JsonNode fallback = root.isObject() ? root.get("default") : null;
        if (fallback != null && fallback.isTextual()) {
            server.reply(fallback.asText());
        }
    }
}
