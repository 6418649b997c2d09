package io.llmopt.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.report.payload.BpoJudgement;
import io.llmopt.report.payload.NumericSummary;
import io.llmopt.core.report.ReportJson;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.CallTotals;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.report.CandidateRanking;
import io.llmopt.report.NumericBest;
import io.llmopt.report.RunHeadline;
import io.llmopt.report.SweepReadout;
import io.llmopt.report.WinRates;
import java.time.Instant;
import java.util.List;

/**
 * A run as one row of the run list: its facts, the headline the CLI prints, and the best result
 * and cost as numbers so the page can sort by them.
 */
final class RunJson {

    private RunJson() {
    }

    static ObjectNode listEntry(RunStore store, RunRecord run) {
        ObjectNode node = WebExchange.JSON.createObjectNode();
        node.put("id", run.id());
        node.put("name", run.name());
        node.put("kind", run.kind());
        node.put("status", run.status().wireName());
        node.put("final", run.status().isFinal());
        node.put("headline", RunHeadline.of(store, run));
        Double best = bestScore(store, run);
        if (best == null) {
            node.putNull("best");
        } else {
            node.put("best", best);
        }
        node.put("higher_is_better", higherIsBetter(run));
        // a sweep makes no calls itself: its runs do
        CallTotals totals = RunKinds.OPRO_SWEEP.equals(run.kind()) ? SweepReadout.read(store, run.id()).totals()
                : store.callTotals(run.id());
        node.put("cost", totals.cost());
        node.put("cost_estimated", totals.unsettledCost()); // of cost: calls sent whose reply was lost
        node.put("calls_unsettled", totals.unsettled());
        node.put("calls", totals.calls());
        node.put("tokens", totals.totalTokens());
        node.put("created_at", time(run.createdAt()));
        node.put("started_at", time(run.startedAt()));
        node.put("finished_at", time(run.finishedAt()));
        return node;
    }

    /** The list entry plus the configuration and summary, nested as JSON. */
    static ObjectNode detail(RunStore store, RunRecord run) {
        ObjectNode node = listEntry(store, run);
        node.set("config", tree(run.configJson()));
        node.set("summary", tree(run.summaryJson()));
        return node;
    }

    /**
     * The number behind the headline: the best instruction's accuracy, the best numeric value, or
     * the rewritten prompts' win rate; null when the run has none yet.
     */
    static Double bestScore(RunStore store, RunRecord run) {
        if (RunKinds.OPRO_PROMPT.equals(run.kind())) {
            List<CandidateRecord> best = CandidateRanking.best(store.candidates(run.id()), 1);
            return best.isEmpty() ? null : CandidateRanking.headline(best.get(0));
        }
        if (RunKinds.isNumeric(run.kind())) {
            return NumericBest.of(store, run);
        }
        if (RunKinds.isBpo(run.kind())) {
            List<BpoJudgement> judgements = store.workItems(run.id(), BpoJudgement.KIND).stream()
                    .filter(i -> i.payloadJson() != null).map(BpoJudgement::from).toList();
            return judgements.isEmpty() ? null : WinRates.byCategory(judgements).get(WinRates.ALL).winRate().rate();
        }
        JsonNode summary = tree(run.summaryJson());
        for (String field : new String[] {"best_score", "best_value"}) {
            if (summary.path(field).isNumber()) {
                return summary.get(field).asDouble();
            }
        }
        return null;
    }

    private static boolean higherIsBetter(RunRecord run) {
        return !RunKinds.isNumeric(run.kind()) || NumericSummary.parse(run.summaryJson()).maximizing();
    }

    static JsonNode tree(String json) {
        try {
            JsonNode node = ReportJson.tree(json);
            return node == null ? WebExchange.JSON.nullNode() : node;
        } catch (IllegalArgumentException e) {
            // a malformed payload is shown as text rather than breaking the page
            return WebExchange.JSON.getNodeFactory().textNode(json);
        }
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
