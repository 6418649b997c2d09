package io.llmopt.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.WorkItem;
import io.llmopt.report.SplitAccuracy;
import java.util.HashMap;
import java.util.Map;

/** A candidate's drill-down: its per-example results on one split, with the accuracy and its interval. */
final class ExampleResultsJson {

    private ExampleResultsJson() {
    }

    /** The examples' text the run recorded (older runs have none: the page then shows ids only). */
    private static Map<String, JsonNode> exampleTexts(RunStore store, String runId) {
        Map<String, JsonNode> texts = new HashMap<>();
        for (WorkItem item : store.workItems(runId, RunKinds.OPRO_EXAMPLE_ITEM)) {
            try {
                texts.put(item.key(), WebExchange.JSON.readTree(item.payloadJson()));
            } catch (java.io.IOException e) {
                // a damaged row only loses its text
            }
        }
        return texts;
    }

    static ObjectNode of(RunStore store, CandidateRecord candidate, Split split) {
        ObjectNode node = WebExchange.JSON.createObjectNode();
        node.set("candidate", OproJson.candidate(candidate));
        node.put("split", split.wireName());
        SplitAccuracy accuracy = SplitAccuracy.of(store, candidate, split);
        node.put("accuracy", accuracy.accuracy());
        node.put("accuracy_display", accuracy.display());
        Map<String, JsonNode> texts = exampleTexts(store, candidate.runId());
        ArrayNode results = node.putArray("results");
        for (ExampleResult r : store.exampleResults(candidate.runId(), candidate.id(), split)) {
            ObjectNode row = results.addObject().put("example_id", r.exampleId());
            JsonNode text = texts.get(r.exampleId());
            row.put("question", text == null ? null : text.path("question").asText(null));
            row.put("target", text == null ? null : text.path("target").asText(null));
            row.put("output", r.output()).put("parsed_answer", r.parsedAnswer()).put("correct", r.correct())
                    .put("prompt_hash", r.promptHash());
        }
        return node;
    }
}
