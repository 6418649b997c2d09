package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.bpo.data.EvalPrompt;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.bpo.rewrite.Rewrite;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a record's failure means: a stop (the run's calls cancelled, between two rounds of one
 * record too) leaves the record to do on resume and the run stopped, never a failed record; an
 * {@link Error} such as OutOfMemoryError is never stored as a record's result: it fails the run.
 */
class StopAndErrorRecordsTest {

    @TempDir
    Path dir;

    private static List<EvalPrompt> prompts(int n) {
        List<EvalPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prompts.add(new EvalPrompt("p" + i, "prompt " + i, null));
        }
        return prompts;
    }

    @Test
    void aStopBetweenRoundsLeavesTheRecordsToDoAndTheRunStopped() {
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        // after the first round of each record the run is stopped: the next round's call is cancelled, as a run's CallGroup does
        IterativeRewriter rewriter = new IterativeRewriter(prompt -> {
            calls.incrementAndGet();
            if (stopped.get()) {
                return CompletableFuture.failedFuture(new LlmException(LlmException.Kind.CANCELLED, "http://sim", "m", "run stopped", null, null));
            }
            stopped.set(true);
            return CompletableFuture.completedFuture(new Rewrite(prompt, prompt + "!", List.of(prompt + "!")));
        }, 10);
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunContext context = PipelineRuns.newRun(store, "bpo-rewrite");
            RunContext stoppable = RunContext.of(store, context.runId()).withListener(context.listener()).withStop(stopped::get);
            PipelineCounts counts = new RewritePipeline(rewriter, 1).run(prompts(3), stoppable);
            assertThat(counts.stopped()).isTrue();
            assertThat(counts.count("failed")).as("a stop is not a record's failure").isZero();
            assertThat(store.workItemKeys(context.runId(), RewriteItems.KIND, WorkItem.FAILED)).isEmpty();
            assertThat(calls.get()).as("no round after the stop reached the rewriter but the one cancelled").isEqualTo(2);
        }
    }

    @Test
    void anOutOfMemoryErrorFailsTheRunInsteadOfBeingStoredAsARecordsResult() {
        IterativeRewriter rewriter = new IterativeRewriter(prompt -> CompletableFuture.failedFuture(new OutOfMemoryError("Java heap space")), 1);
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunContext context = PipelineRuns.newRun(store, "bpo-rewrite");
            assertThatThrownBy(() -> new RewritePipeline(rewriter, 2).run(prompts(3), context))
                    .rootCause().isInstanceOf(OutOfMemoryError.class);
            store.flush();
            assertThat(store.workItemKeys(context.runId(), RewriteItems.KIND, WorkItem.FAILED)).isEmpty();
        }
    }

    @Test
    void aRefusedKeyStopsTheRunAtTheFirstRecordInsteadOfFailingEveryRecord() {
        AtomicInteger calls = new AtomicInteger();
        IterativeRewriter rewriter = new IterativeRewriter(prompt -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new LlmException(LlmException.Kind.UNAUTHORIZED, "http://sim", "m", "HTTP 401", null, null));
        }, 1);
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunContext context = PipelineRuns.newRun(store, "bpo-rewrite");
            assertThatThrownBy(() -> new RewritePipeline(rewriter, 2).run(prompts(80), context))
                    .rootCause().isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.UNAUTHORIZED));
            store.flush();
            assertThat(store.workItemKeys(context.runId(), RewriteItems.KIND, WorkItem.FAILED)).isEmpty();
            assertThat(calls.get()).as("records started after the first 401").isLessThanOrEqualTo(2);
        }
    }
}
