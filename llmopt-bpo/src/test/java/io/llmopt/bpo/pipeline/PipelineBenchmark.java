package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.data.PreferenceRecord;
import io.llmopt.bpo.judge.EvalItem;
import io.llmopt.bpo.judge.TwoOrderJudge;
import io.llmopt.bpo.pairs.PairBuilder;
import io.llmopt.bpo.pairs.PairBuilderOptions;
import io.llmopt.bpo.pairs.PairOutcome;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.bpo.rewrite.ModelRewriter;
import io.llmopt.core.concurrent.BoundedLauncher;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time per 100 records through build-pairs → rewrite → respond → judge as one streaming pipeline,
 * at 100 ms simulated latency and a server capacity of 64, next to the lower bounds. Run with -Pbench.
 */
@Tag("benchmark")
class PipelineBenchmark {

    private static final int RECORDS = 200;
    private static final long LATENCY_MS = 100;
    private static final int CAPACITY = 64;

    @TempDir
    Path dir;

    @Test
    void streamingPipelineApproachesTheCapacityBound() {
        try (SimulatedLlmServer sim = SimulatedLlmServer.start();
             RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            sim.latency(Duration.ofMillis(LATENCY_MS)).capacity(CAPACITY);
            sim.reply((SimRequest r, int i) -> {
                String user = r.lastUserMessage();
                if (user.contains("Compare the good response")) {
                    return "Detailed Comparison Result: x\nOptimized Instruction: Explain this topic in detail with examples please. [END]";
                }
                if (user.startsWith("[User Question]")) {
                    return "ok\n\n[[A]]";
                }
                return "answer";
            });
            List<PreferenceRecord> records = IntStream.range(0, RECORDS)
                    .mapToObj(i -> PreferenceRecord.of("Explain topic " + i + " to me", "good " + i, "bad " + i)).toList();
            double warm = run(sim, store, records.subList(0, 20), "warm-up");
            double ms = run(sim, store, records, "measured");

            int callsPerRecord = 6; // pair, rewrite, 2 responses, 2 judge calls
            int criticalPathCalls = 4; // pair → rewrite → {2 responses in parallel} → {2 judge calls in parallel}
            double criticalPathMs = criticalPathCalls * LATENCY_MS;
            double capacityBoundPer100 = 100.0 * callsPerRecord * LATENCY_MS / CAPACITY;
            double per100 = ms * 100 / RECORDS;
            System.out.printf(Locale.ROOT, "%n[bench] bpo pipeline: %d records in %.0f ms = %.0f ms per 100 records (warm-up %.0f ms)%n",
                    RECORDS, ms, per100, warm);
            System.out.printf(Locale.ROOT, "[bench] lower bounds: critical path of one record %d calls = %.0f ms; "
                    + "capacity %d x %d ms over %d calls/record = %.1f ms per 100 records; stage after stage would add "
                    + "a barrier per stage (at least %.0f ms per 100)%n",
                    criticalPathCalls, criticalPathMs, CAPACITY, LATENCY_MS, callsPerRecord, capacityBoundPer100,
                    100.0 / CAPACITY * LATENCY_MS * callsPerRecord + criticalPathMs);
            System.out.printf(Locale.ROOT, "[bench] measured / capacity bound = %.3f (target <= 1.15), efficiency %.0f%%;"
                    + " peak in flight at the server %d%n",
                    per100 / capacityBoundPer100, 100 * capacityBoundPer100 / per100, sim.stats().maxConcurrency());
            assertThat(per100).isGreaterThanOrEqualTo(capacityBoundPer100 * 0.99);
        }
    }

    private static CompletableFuture<String> response(LanguageModel model, ResponderOptions responder, CallLog calls,
                                                      String id, String call, String prompt) {
        return calls.computeIfAbsent(id, call, () -> model.chat(responder.request(prompt, model.info().api())).thenApply(x -> x.text()),
                text -> JudgementItems.encodeResponse(id, prompt, text), JudgementItems::decodeResponse);
    }

    /** One run of the whole chain per record, streaming; returns the wall time in milliseconds. */
    private static double run(SimulatedLlmServer sim, RunStore store, List<PreferenceRecord> records, String name) {
        try (LanguageModel model = SimModels.model(sim)) {
            RunContext context = RunContext.of(store, store.createRun("bpo-bench", name,
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()).id());
            PairBuilder pairs = new PairBuilder(model, PairBuilderOptions.defaults());
            StageLog pairLog = StageLog.open(context, PairItems.KIND);
            RewriteStage rewrite = new RewriteStage(new IterativeRewriter(new ModelRewriter(model), 1), context);
            StageLog judgements = StageLog.open(context, JudgementItems.KIND);
            // As EvalPipeline does: each of a record's parallel calls is stored as soon as it returns.
            CallLog responseCalls = CallLog.open(context, JudgementItems.RESPONSES);
            CallLog judgeCalls = CallLog.open(context, JudgementItems.KIND);
            TwoOrderJudge judge = new TwoOrderJudge(model);
            ResponderOptions responder = ResponderOptions.defaults();
            long start = System.nanoTime();
            // A record has a single call in flight in its first two stages, so with only CAPACITY
            // records in flight the server idles; twice as many keeps it busy.
            new BoundedLauncher<PreferenceRecord>(2 * CAPACITY, () -> false).run(records, r -> pairs.buildOne(r)
                    .thenCompose(outcome -> {
                        pairLog.record(r.id(), WorkItem.DONE, PairItems.encode(outcome));
                        assertThat(outcome.status()).isEqualTo(PairOutcome.Status.KEPT);
                        return rewrite.rewrite(r.id(), outcome.pair().prompt());
                    })
                    .thenCompose(rw -> {
                        CompletableFuture<String> a = response(model, responder, responseCalls, r.id(),
                                JudgementItems.ORIGINAL, rw.original());
                        CompletableFuture<String> b = response(model, responder, responseCalls, r.id(),
                                JudgementItems.REWRITTEN, rw.last());
                        return a.thenCombine(b, (x, y) -> new EvalItem(r.id(), null, rw.original(), x, y));
                    })
                    .thenCompose(item -> judge.judge(item, (rewrittenFirst, call) -> judgeCalls.computeIfAbsent(
                            item.id(), JudgementItems.orderCall(rewrittenFirst), call,
                            v -> JudgementItems.encodeVerdict(item.id(), v), JudgementItems::decodeVerdict)))
                    .thenAccept(j -> judgements.record(r.id(), WorkItem.DONE,
                            StageLog.JSON.createObjectNode().put("id", r.id()).put("verdict", j.outcome().name()))))
                    .join();
            store.flush();
            return (System.nanoTime() - start) / 1e6;
        }
    }
}
