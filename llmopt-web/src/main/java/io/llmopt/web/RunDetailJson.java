package io.llmopt.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.report.BatchJobRow;
import io.llmopt.report.BatchJobRows;
import io.llmopt.report.RoleUsage;
import io.llmopt.report.UsageByRole;
import java.util.List;

/**
 * Everything the run page shows, in one document: the run, usage per role, recent events, and the
 * part of its kind (OPRO candidates, numeric evaluations, BPO judgements and pairs).
 */
final class RunDetailJson {

    /** The page lists the newest events only; the export has them all. */
    static final int EVENTS_SHOWN = 50;

    private RunDetailJson() {
    }

    static ObjectNode of(RunStore store, RunRecord run) {
        ObjectNode node = WebExchange.JSON.createObjectNode();
        node.set("run", RunJson.detail(store, run));
        var calls = store.calls(run.id());
        ArrayNode usage = node.putArray("usage");
        for (RoleUsage u : UsageByRole.of(calls)) {
            usage.add(usage(u));
        }
        node.set("usage_total", usage(UsageByRole.total(calls)));
        List<EventRecord> events = store.events(run.id());
        ArrayNode jobs = node.putArray("batch_jobs");
        for (BatchJobRow j : BatchJobRows.of(events)) {
            ObjectNode job = jobs.addObject().put("id", j.batchId()).put("model", j.model()).put("requests", j.requests())
                    .put("status", j.status());
            if (j.ended()) {
                job.put("duration_ms", j.durationMs()).put("cost", j.cost()).put("saved", j.saved());
            }
        }
        ArrayNode shown = node.putArray("events");
        boolean stopRequested = false;
        for (EventRecord e : events) {
            stopRequested |= RunStore.STOP_REQUESTED.equals(e.type())
                    && (run.startedAt() == null || !e.at().isBefore(run.startedAt()));
        }
        for (EventRecord e : events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size()).reversed()) {
            shown.addObject().put("at", e.at().toString()).put("level", e.level().name()).put("type", e.type())
                    .put("message", e.message());
        }
        node.put("stop_requested", stopRequested && !run.status().isFinal());
        if (RunKinds.OPRO_PROMPT.equals(run.kind())) {
            node.set("opro", OproJson.of(store, run));
        } else if (RunKinds.isNumeric(run.kind())) {
            node.set("numeric", NumericJson.of(store, run));
        } else if (RunKinds.isBpo(run.kind())) {
            node.set("bpo", BpoJson.of(store, run));
        }
        return node;
    }

    private static ObjectNode usage(RoleUsage u) {
        return WebExchange.JSON.createObjectNode().put("role", u.role()).put("models", u.models()).put("calls", u.calls())
                .put("cache_hits", u.cacheHits()).put("errors", u.errors()).put("prompt_tokens", u.promptTokens())
                .put("completion_tokens", u.completionTokens()).put("cost", u.cost())
                .put("mean_latency_ms", u.meanLatencyMillis()).put("mean_server_ms", u.meanServerMillis())
                .put("mean_slot_wait_ms", u.meanSlotWaitMillis());
    }
}
