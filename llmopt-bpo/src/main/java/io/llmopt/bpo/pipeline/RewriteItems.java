package io.llmopt.bpo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.rewrite.IterativeRewrite;
import io.llmopt.bpo.rewrite.Rewrite;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@value #KIND} work items: one per prompt, payload
 * {@code {id, original, rewritten, rounds: [{round, input, rewritten, candidates}]}} where
 * {@code rewritten} is the last round's prompt.
 */
public final class RewriteItems {

    public static final String KIND = "bpo.rewrite";

    private RewriteItems() {
    }

    static JsonNode encode(String id, IterativeRewrite rewrite) {
        ObjectNode node = StageLog.JSON.createObjectNode()
                .put("id", id)
                .put("original", rewrite.original())
                .put("rewritten", rewrite.last());
        ArrayNode rounds = node.putArray("rounds");
        for (int r = 0; r < rewrite.rounds().size(); r++) {
            Rewrite one = rewrite.rounds().get(r);
            ObjectNode round = rounds.addObject().put("round", r + 1).put("input", one.original()).put("rewritten", one.rewritten());
            ArrayNode candidates = round.putArray("candidates");
            one.candidates().forEach(candidates::add);
        }
        return node;
    }

    static IterativeRewrite decode(JsonNode node) {
        List<Rewrite> rounds = new ArrayList<>();
        for (JsonNode round : node.path("rounds")) {
            List<String> candidates = new ArrayList<>();
            round.path("candidates").forEach(c -> candidates.add(c.asText()));
            rounds.add(new Rewrite(round.path("input").asText(), round.path("rewritten").asText(), candidates));
        }
        return new IterativeRewrite(node.path("original").asText(), rounds);
    }
}
