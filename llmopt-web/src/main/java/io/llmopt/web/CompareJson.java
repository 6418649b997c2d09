package io.llmopt.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.report.payload.NumericEvaluation;
import io.llmopt.report.payload.NumericSummary;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.report.CandidateRanking;
import io.llmopt.report.PairedComparison;
import io.llmopt.report.SplitAccuracy;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Two or more runs side by side, as {@code llmopt runs compare} shows them: each run's best result
 * and best-so-far curve per step, and the exact McNemar test of each run's best candidate against
 * the first run's on the test examples they share.
 */
final class CompareJson {

    private CompareJson() {
    }

    static ObjectNode of(RunStore store, List<RunRecord> runs) {
        ObjectNode node = WebExchange.JSON.createObjectNode();
        ArrayNode list = node.putArray("runs");
        List<ExampleResult> reference = null;
        for (int i = 0; i < runs.size(); i++) {
            RunRecord run = runs.get(i);
            ObjectNode entry = list.addObject();
            entry.set("run", RunJson.listEntry(store, run));
            entry.set("curve", curve(store, run));
            Optional<CandidateRecord> best = RunKinds.OPRO_PROMPT.equals(run.kind())
                    ? CandidateRanking.best(store.candidates(run.id()), 1).stream().findFirst() : Optional.empty();
            if (best.isEmpty()) {
                continue;
            }
            ObjectNode b = OproJson.candidate(best.get());
            for (Split split : Split.values()) {
                b.put(split.wireName() + "_display", SplitAccuracy.of(store, best.get(), split).display());
            }
            entry.set("best", b);
            List<ExampleResult> test = store.exampleResults(run.id(), best.get().id(), Split.TEST);
            if (i == 0) {
                reference = test;
            } else if (reference != null && !reference.isEmpty()) {
                PairedComparison.of(test, reference).ifPresent(cmp -> entry.putObject("paired_test")
                        .put("shared", cmp.shared()).put("difference", cmp.accuracyDifference())
                        .put("p_value", cmp.test().pValue()).put("display", cmp.display()));
            }
        }
        return node;
    }

    /** The best score (OPRO: training accuracy) or value (numeric) reached by each step, as [step, best] points. */
    private static ArrayNode curve(RunStore store, RunRecord run) {
        TreeMap<Integer, Double> perStep = new TreeMap<>();
        boolean maximize = true;
        if (RunKinds.OPRO_PROMPT.equals(run.kind())) {
            for (CandidateRecord c : store.candidates(run.id())) {
                if (c.status() == CandidateStatus.KEPT && c.trainScore() != null) {
                    perStep.merge(c.step(), c.trainScore(), Math::max);
                }
            }
        } else if (RunKinds.isNumeric(run.kind())) {
            maximize = NumericSummary.parse(run.summaryJson()).maximizing();
            for (var item : store.workItems(run.id(), NumericEvaluation.KIND)) {
                if (item.payloadJson() == null) {
                    continue;
                }
                NumericEvaluation e = NumericEvaluation.from(item);
                if (e.succeeded()) {
                    perStep.merge(e.step(), e.value(), maximize ? Math::max : Math::min);
                }
            }
        }
        ArrayNode points = WebExchange.JSON.createArrayNode();
        Double best = null;
        for (var e : perStep.entrySet()) {
            double v = e.getValue();
            best = best == null ? v : maximize ? Math.max(best, v) : Math.min(best, v);
            points.addArray().add(e.getKey()).add(best);
        }
        return points;
    }
}
