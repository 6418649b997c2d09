package io.llmopt.cli.runs;

import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;

/** Looks runs up for the commands. */
final class Runs {

    private Runs() {
    }

    static RunRecord require(RunStore store, String runId) {
        return store.run(runId).orElseThrow(() -> new UnknownRunException(runId, store.file()));
    }
}
