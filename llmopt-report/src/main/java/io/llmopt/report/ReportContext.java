package io.llmopt.report;

import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;

/** What a section needs: the store to read, the run, and where to put its charts. */
record ReportContext(RunStore store, RunRecord run, ChartWriter charts) {

    String runId() {
        return run.id();
    }
}
