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
 * {@code rewritten} is the last round's prompt. With several rounds, every round but the last is
 * also kept on its own as it is made ({@code bpo.rewrite.call}, key {@code <id>/round-<n>},
 * payload {@code {id, round, input, rewritten, candidates}}), so a re-run continues after it.
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
            putRound(rounds.addObject(), r + 1, rewrite.rounds().get(r));
        }
        return node;
    }

    static IterativeRewrite decode(JsonNode node) {
        List<Rewrite> rounds = new ArrayList<>();
        node.path("rounds").forEach(round -> rounds.add(decodeRound(round)));
        return new IterativeRewrite(node.path("original").asText(), rounds);
    }

    /** The call name of a round, from 1. */
    static String roundCall(int round) {
        return "round-" + round;
    }

    /** One round on its own: {@code {id, round, input, rewritten, candidates}}. */
    static JsonNode encodeRound(String id, int round, Rewrite rewrite) {
        return putRound(StageLog.JSON.createObjectNode().put("id", id), round, rewrite);
    }

    static Rewrite decodeRound(JsonNode round) {
        List<String> candidates = new ArrayList<>();
        round.path("candidates").forEach(c -> candidates.add(c.asText()));
        return new Rewrite(round.path("input").asText(), round.path("rewritten").asText(), candidates);
    }

    private static ObjectNode putRound(ObjectNode node, int round, Rewrite rewrite) {
        node.put("round", round).put("input", rewrite.original()).put("rewritten", rewrite.rewritten());
        ArrayNode candidates = node.putArray("candidates");
        rewrite.candidates().forEach(candidates::add);
        return node;
    }
}
