package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.llm.TokenLogprob;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a choice's {@code logprobs}, which the two APIs shape differently. A missing or null
 * {@code logprobs} (not asked for, or a server that ignores the field) reads as no tokens; a
 * token whose log-probability is null (the completions API's first prompt token with echo) is
 * skipped rather than invented.
 */
final class LogprobsReader {

    private LogprobsReader() {
    }

    /** Chat: {@code logprobs.content[]} of {@code {token, logprob, top_logprobs: [{token, logprob}]}}. */
    static List<TokenLogprob> chat(JsonNode choice) {
        JsonNode content = choice.path("logprobs").path("content");
        if (!content.isArray()) {
            return List.of();
        }
        List<TokenLogprob> tokens = new ArrayList<>(content.size());
        for (JsonNode t : content) {
            if (!t.path("logprob").isNumber()) {
                continue;
            }
            List<TokenLogprob> top = new ArrayList<>();
            for (JsonNode alt : t.path("top_logprobs")) {
                if (alt.path("logprob").isNumber()) {
                    top.add(new TokenLogprob(alt.path("token").asText(""), alt.path("logprob").asDouble()));
                }
            }
            tokens.add(new TokenLogprob(t.path("token").asText(""), t.path("logprob").asDouble(), top));
        }
        return tokens;
    }

    /**
     * Completions: parallel arrays {@code logprobs.tokens[]}, {@code token_logprobs[]} and
     * {@code top_logprobs[]} (one {@code {token: logprob}} object per position, or null).
     */
    static List<TokenLogprob> completions(JsonNode choice) {
        JsonNode lp = choice.path("logprobs");
        JsonNode tokens = lp.path("tokens");
        JsonNode values = lp.path("token_logprobs");
        if (!tokens.isArray() || !values.isArray()) {
            return List.of();
        }
        JsonNode tops = lp.path("top_logprobs");
        List<TokenLogprob> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size() && i < values.size(); i++) {
            if (!values.get(i).isNumber()) {
                continue;
            }
            List<TokenLogprob> top = new ArrayList<>();
            JsonNode position = tops.isArray() && i < tops.size() ? tops.get(i) : null;
            if (position != null && position.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = position.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isNumber()) {
                        top.add(new TokenLogprob(e.getKey(), e.getValue().asDouble()));
                    }
                }
                top.sort((a, b) -> Double.compare(b.logprob(), a.logprob()));
            }
            out.add(new TokenLogprob(tokens.get(i).asText(""), values.get(i).asDouble(), top));
        }
        return out;
    }
}
