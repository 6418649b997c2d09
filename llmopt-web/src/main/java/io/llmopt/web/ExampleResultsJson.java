package io.llmopt.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.report.SplitAccuracy;

/** A candidate's drill-down: its per-example results on one split, with the accuracy and its interval. */
final class ExampleResultsJson {

    private ExampleResultsJson() {
    }

    static ObjectNode of(RunStore store, CandidateRecord candidate, Split split) {
        ObjectNode node = WebExchange.JSON.createObjectNode();
        node.set("candidate", OproJson.candidate(candidate));
        node.put("split", split.wireName());
        SplitAccuracy accuracy = SplitAccuracy.of(store, candidate, split);
        node.put("accuracy", accuracy.accuracy());
        node.put("accuracy_display", accuracy.display());
        ArrayNode results = node.putArray("results");
        for (ExampleResult r : store.exampleResults(candidate.runId(), candidate.id(), split)) {
            results.addObject().put("example_id", r.exampleId()).put("output", r.output())
                    .put("parsed_answer", r.parsedAnswer()).put("correct", r.correct()).put("prompt_hash", r.promptHash());
        }
        return node;
    }
}
