package io.llmopt.bpo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.bpo.pairs.PairOutcome;
import io.llmopt.core.report.BpoPair;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import java.util.List;
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

    /** The payload: a {@link BpoPair} (the pair's fate every view reads) plus the comparison and the raw reply. */
    static JsonNode encode(PairOutcome outcome) {
        OptimizedPair pair = outcome.pair();
        BpoPair fate = new BpoPair(outcome.recordId(), null, pair == null ? null : pair.prompt(),
                pair == null ? null : pair.optimizedPrompt(), status(outcome.status()), outcome.reason());
        ObjectNode node = StageLog.JSON.valueToTree(fate);
        node.remove("category"); // none known at this stage; absent rather than null, as before
        node.put("comparison", pair == null ? null : pair.comparison());
        node.put("reply", outcome.reply());
        return node;
    }

    private static String status(PairOutcome.Status status) {
        return switch (status) {
            case KEPT -> BpoPair.KEPT;
            case FILTERED -> BpoPair.FILTERED;
            case FAILED -> BpoPair.FAILED;
        };
    }

    /** The pair in a payload, or null when the record failed or its reply had no optimized prompt. */
    static OptimizedPair pair(JsonNode payload) {
        if (!payload.hasNonNull("original") || !payload.hasNonNull("optimized")) {
            return null;
        }
        boolean kept = BpoPair.KEPT.equals(payload.path("status").asText());
        return new OptimizedPair(payload.get("id").asText(), payload.get("original").asText(),
                payload.get("optimized").asText(), payload.path("comparison").asText(""),
                kept ? null : Objects.requireNonNullElse(payload.path("reason").textValue(), BpoPair.FILTERED));
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
