package io.llmopt.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.report.SplitAccuracy;
import io.llmopt.report.SweepReadout;

/**
 * An opro-sweep run for the dashboard: per setting its training band per step, pooled test
 * accuracy with its interval, calls and cost (the report's ablation figures, from the same
 * {@link SweepReadout}), and every run of the sweep to link to.
 */
final class SweepJson {

    private SweepJson() {
    }

    static ObjectNode of(RunStore store, RunRecord run) {
        SweepReadout sweep = SweepReadout.read(store, run.id());
        ObjectNode node = WebExchange.JSON.createObjectNode();
        ArrayNode settings = node.putArray("settings");
        for (SweepReadout.Setting s : sweep.settings()) {
            ObjectNode o = settings.addObject();
            o.put("index", s.index()).put("label", s.label()).put("runs", s.members().size())
                    .put("completed", s.completedRuns()).put("calls", s.calls()).put("cache_hits", s.cacheHits())
                    .put("tokens", s.tokens()).put("cost", s.cost());
            s.finalTraining().ifPresentOrElse(t -> o.put("final_train", t), () -> o.putNull("final_train"));
            s.test().ifPresentOrElse(t -> o.set("test", test(t)), () -> o.putNull("test"));
            ArrayNode bands = o.putArray("training");
            for (SweepReadout.Band b : s.trainingBands()) {
                bands.addArray().add(b.step()).add(b.mean()).add(b.low()).add(b.high());
            }
        }
        ArrayNode runs = node.putArray("runs");
        for (SweepReadout.Setting s : sweep.settings()) {
            for (SweepReadout.Member m : s.members()) {
                ObjectNode o = runs.addObject();
                o.put("setting", s.index()).put("label", s.label()).put("repetition", m.repetition()).put("cell", m.cell());
                if (m.run() != null) {
                    o.put("id", m.run().id()).put("status", m.run().status().wireName());
                } else {
                    o.putNull("id").put("status", "deleted");
                }
                if (m.bestSoFar().isEmpty()) {
                    o.putNull("best_train");
                } else {
                    o.put("best_train", m.bestSoFar().lastEntry().getValue());
                }
                o.put("test", m.test() != null ? m.test().display() : "–");
                o.put("calls", m.calls().calls()).put("cost", m.calls().cost());
            }
        }
        return node;
    }

    private static ObjectNode test(SplitAccuracy t) {
        ObjectNode o = WebExchange.JSON.createObjectNode();
        o.put("accuracy", t.accuracy()).put("n", t.total()).put("display", t.display());
        if (t.interval() != null) {
            o.put("lower", t.interval().lower()).put("upper", t.interval().upper());
        }
        return o;
    }
}
