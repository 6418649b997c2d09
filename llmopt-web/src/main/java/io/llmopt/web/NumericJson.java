package io.llmopt.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.report.payload.NumericEvaluation;
import io.llmopt.report.payload.NumericSummary;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.report.NumericBest;
import java.util.Comparator;
import java.util.List;

/** A numeric run (linear regression, TSP, black-box objective) for the run page: every evaluation and the summary. */
final class NumericJson {

    private NumericJson() {
    }

    static ObjectNode of(RunStore store, RunRecord run) {
        NumericSummary summary = NumericSummary.parse(run.summaryJson());
        ObjectNode node = WebExchange.JSON.createObjectNode();
        node.put("direction", summary.maximizing() ? NumericSummary.MAXIMIZE : NumericSummary.MINIMIZE);
        node.put("best_value", NumericBest.of(store, run));
        node.put("reference_value", summary.referenceValue());
        node.put("reference_method", summary.referenceMethod());
        node.put("gap", summary.effectiveGap());
        node.set("summary", RunJson.tree(run.summaryJson()));
        // what the plots need, read once here whichever names the producer wrote (points or cities, w_true or true_w)
        if (summary.cities() != null && summary.bestTour() != null) {
            node.set("cities", WebExchange.JSON.valueToTree(summary.cities()));
            node.set("best_tour", WebExchange.JSON.valueToTree(summary.bestTour()));
        }
        node.put("true_w", summary.trueW());
        node.put("true_b", summary.trueB());
        List<NumericEvaluation> evaluations = store.workItems(run.id(), NumericEvaluation.KIND).stream()
                .filter(i -> i.payloadJson() != null).map(NumericEvaluation::from)
                .sorted(Comparator.comparingInt(NumericEvaluation::step)).toList();
        ArrayNode list = node.putArray("evaluations");
        for (NumericEvaluation e : evaluations) {
            ObjectNode item = list.addObject().put("step", e.step()).put("value", e.value()).put("error", e.error());
            item.set("solution", e.solution());
            e.wb().ifPresent(wb -> item.putArray("wb").add(wb[0]).add(wb[1]));
        }
        return node;
    }
}
