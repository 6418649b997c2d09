package io.llmopt.opro.numeric.blackbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.opro.numeric.Parsed;
import io.llmopt.opro.numeric.Rejection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a candidate from an optimizer output: the last balanced {@code {...}} that parses as a
 * JSON object (so reasoning with braces before the answer does no harm), then validation against
 * the space. Anything wrong is a rejection with a reason, never an evaluation.
 */
public final class CandidateParser {

    public static final String NO_JSON = "no JSON object found";
    public static final String WRONG_TYPE = "invalid value";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CandidateParser() {
    }

    public static Parsed<Candidate> parse(String output, SearchSpace space) {
        Optional<JsonNode> object = lastJsonObject(output);
        if (object.isEmpty()) {
            return Parsed.rejected(NO_JSON, "");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.get().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value = v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isNumber() ? (Object) v.asDouble()
                    : v.isTextual() ? v.asText()
                    : v.isNull() ? null : v.toString();
            if (value == null || (!v.isValueNode())) {
                return Parsed.rejected(WRONG_TYPE, e.getKey() + ": expected a number or a string, got " + v);
            }
            values.put(e.getKey(), value);
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        space.parameters().forEach(p -> {
            if (values.containsKey(p.name())) {
                ordered.put(p.name(), values.get(p.name()));
            }
        });
        values.forEach(ordered::putIfAbsent);
        Candidate candidate = new Candidate(ordered);
        Optional<Rejection> invalid = space.validate(candidate);
        return invalid.isPresent() ? Parsed.rejected(invalid.get()) : Parsed.solution(candidate);
    }

    /** Scans closing braces from the end, and for each the matching opening brace, until one parses. */
    static Optional<JsonNode> lastJsonObject(String text) {
        for (int end = text.lastIndexOf('}'); end >= 0; end = text.lastIndexOf('}', end - 1)) {
            int depth = 0;
            for (int start = end; start >= 0; start--) {
                char c = text.charAt(start);
                if (c == '}') {
                    depth++;
                } else if (c == '{' && --depth == 0) {
                    try {
                        JsonNode node = JSON.readTree(text.substring(start, end + 1));
                        if (node != null && node.isObject()) {
                            return Optional.of(node);
                        }
                    } catch (JacksonException notJson) {
                        // Braces inside prose or code: keep looking further left.
                    }
                    break;
                }
            }
        }
        return Optional.empty();
    }
}
