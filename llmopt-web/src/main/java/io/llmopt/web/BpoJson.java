package io.llmopt.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.report.payload.BpoJudgement;
import io.llmopt.report.payload.BpoPair;
import io.llmopt.core.stats.WinTieLose;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import io.llmopt.report.NaturalOrder;
import io.llmopt.report.WinRates;
import io.llmopt.report.WordDiff;
import java.util.List;
import java.util.Map;

/**
 * A BPO run for the run page: win/tie/lose rates per category with their intervals, every judged
 * comparison (original against rewritten prompt as a word diff, both responses, the verdict), and
 * the pairs of a pair construction run.
 */
final class BpoJson {

    private BpoJson() {
    }

    static ObjectNode of(RunStore store, RunRecord run) {
        ObjectNode node = WebExchange.JSON.createObjectNode();
        // in the order people count ids (p1, p2, ..., p10), as the report lists them
        List<WorkItem> judged = store.workItems(run.id(), BpoJudgement.KIND).stream().filter(i -> i.payloadJson() != null)
                .sorted(java.util.Comparator.comparing(i -> BpoJudgement.from(i).id(), NaturalOrder.INSTANCE)).toList();
        List<BpoJudgement> judgements = judged.stream().map(BpoJudgement::from).toList();
        ArrayNode rates = node.putArray("rates");
        if (!judgements.isEmpty()) {
            for (Map.Entry<String, WinTieLose> e : WinRates.byCategory(judgements).entrySet()) {
                rates.add(rate(e.getKey(), e.getValue()));
            }
        }
        ArrayNode list = node.putArray("judgements");
        for (int i = 0; i < judged.size(); i++) {
            list.add(judgement(judgements.get(i), RunJson.tree(judged.get(i).payloadJson())));
        }
        ArrayNode pairs = node.putArray("pairs");
        store.workItems(run.id(), BpoPair.KIND).stream().filter(i -> i.payloadJson() != null).map(BpoPair::from)
                .sorted(java.util.Comparator.comparing(BpoPair::id, NaturalOrder.INSTANCE))
                .forEach(p -> pairs.addObject().put("id", p.id()).put("category", p.category()).put("original", p.original())
                        .put("optimized", p.optimized()).put("status", p.status()).put("kept", p.kept())
                        .put("reason", p.reason()));
        return node;
    }

    private static ObjectNode rate(String category, WinTieLose w) {
        ObjectNode node = WebExchange.JSON.createObjectNode().put("category", category).put("n", w.total())
                .put("win", w.wins()).put("tie", w.ties()).put("lose", w.losses()).put("invalid", w.invalid())
                .put("net_win_rate", w.netWinRate());
        node.put("win_rate", w.winRate().rate());
        node.put("win_low", w.winRate().interval().lower());
        node.put("win_high", w.winRate().interval().upper());
        node.put("lose_rate", w.loseRate().rate());
        node.put("tie_rate", w.tieRate().rate());
        return node;
    }

    private static ObjectNode judgement(BpoJudgement j, JsonNode payload) {
        ObjectNode node = WebExchange.JSON.createObjectNode().put("id", j.id()).put("category", j.category())
                .put("original", j.original()).put("rewritten", j.rewritten()).put("outcome", j.outcome())
                .put("original_response", j.originalResponse()).put("rewritten_response", j.rewrittenResponse());
        if (j.positionConsistent() != null) {
            node.put("position_consistent", j.positionConsistent());
        }
        // the judge's explanation is optional in the payload: producers that keep it get it shown
        JsonNode explanation = payload.path("explanation");
        if (explanation.isTextual()) {
            node.put("explanation", explanation.asText());
        }
        ArrayNode diff = node.putArray("diff");
        for (WordDiff.Segment s : WordDiff.diff(j.original(), j.rewritten())) {
            diff.addObject().put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT)).put("text", s.text());
        }
        return node;
    }
}
