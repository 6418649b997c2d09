package io.llmopt.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.llm.TokenLogprob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A sample's token log-probabilities as the cache file stores them: compact JSON
 * {@code [{"t": token, "l": logprob, "a": [{"t", "l"}, ...]}, ...]}, or SQL NULL when there are none
 * (every entry written before the column existed, and every request that did not ask for them).
 */
final class LogprobsColumn {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LogprobsColumn() {
    }

    static String write(List<TokenLogprob> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        ArrayNode array = MAPPER.createArrayNode();
        for (TokenLogprob t : tokens) {
            ObjectNode node = node(t);
            if (!t.alternatives().isEmpty()) {
                ArrayNode alternatives = node.putArray("a");
                t.alternatives().forEach(a -> alternatives.add(node(a)));
            }
            array.add(node);
        }
        return array.toString();
    }

    /** The tokens stored in {@code json}; an unreadable value reads as none (the text is still right). */
    static List<TokenLogprob> read(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            List<TokenLogprob> out = new ArrayList<>();
            for (JsonNode n : MAPPER.readTree(json)) {
                List<TokenLogprob> alternatives = new ArrayList<>();
                for (JsonNode a : n.path("a")) {
                    alternatives.add(new TokenLogprob(a.path("t").asText(), a.path("l").asDouble()));
                }
                out.add(new TokenLogprob(n.path("t").asText(), n.path("l").asDouble(), alternatives));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static ObjectNode node(TokenLogprob t) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("t", t.token());
        node.put("l", t.logprob());
        return node;
    }
}
