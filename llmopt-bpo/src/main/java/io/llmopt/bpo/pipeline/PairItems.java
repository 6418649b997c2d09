package io.llmopt.bpo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.bpo.pairs.PairOutcome;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@value #KIND} work items: one per preference record, payload
 * {@code {id, original, optimized, comparison, status, reason, reply}} with status kept, filtered
 * or failed. Kept and filtered records are finished ({@code done}); failed ones are tried again.
 */
public final class PairItems {

    public static final String KIND = "bpo.pair";

    private PairItems() {
    }

    static JsonNode encode(PairOutcome outcome) {
        ObjectNode node = StageLog.JSON.createObjectNode().put("id", outcome.recordId());
        OptimizedPair pair = outcome.pair();
        node.put("original", pair == null ? null : pair.prompt());
        node.put("optimized", pair == null ? null : pair.optimizedPrompt());
        node.put("comparison", pair == null ? null : pair.comparison());
        node.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
        node.put("reason", outcome.reason());
        node.put("reply", outcome.reply());
        return node;
    }

    /** The pair in a payload, or null when the record failed or its reply had no optimized prompt. */
    static OptimizedPair pair(JsonNode payload) {
        if (!payload.hasNonNull("original") || !payload.hasNonNull("optimized")) {
            return null;
        }
        boolean kept = "kept".equals(payload.path("status").asText());
        return new OptimizedPair(payload.get("id").asText(), payload.get("original").asText(),
                payload.get("optimized").asText(), payload.path("comparison").asText(""),
                kept ? null : Objects.requireNonNullElse(payload.path("reason").textValue(), "filtered"));
    }

    /** The kept pairs of a run, in key order: the pair set for in-context rewriting and export. */
    public static List<OptimizedPair> keptPairs(RunStore store, String runId) {
        store.flush();
        return store.workItems(runId, KIND).stream()
                .filter(item -> WorkItem.DONE.equals(item.status()) && item.payloadJson() != null)
                .map(item -> pair(readTree(item.payloadJson())))
                .filter(p -> p != null && p.kept())
                .toList();
    }

    private static JsonNode readTree(String json) {
        try {
            return StageLog.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a " + KIND + " work item holds invalid JSON: " + e.getMessage(), e);
        }
    }
}
