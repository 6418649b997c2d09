package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.store.RunStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Test helpers: a run in a fresh store, a listener that keeps what it hears, a stop after n records. */
final class PipelineRuns {

    private PipelineRuns() {
    }

    static RunContext newRun(RunStore store, String kind) {
        return RunContext.of(store, store.createRun(kind, "test", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()).id());
    }

    /** A listener counting finished records (progress snapshots after the first) and a stop flag raised after {@code n}. */
    static final class StopAfter implements RunListener {
        private final long n;
        private final AtomicLong seen = new AtomicLong(-1); // the first snapshot is the start

        StopAfter(long n) {
            this.n = n;
        }

        @Override
        public void onProgress(Progress p) {
            seen.incrementAndGet();
        }

        boolean stop() {
            return seen.get() >= n;
        }
    }
}
