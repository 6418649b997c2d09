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

    /** When the run first started (over every resume); its creation when it never started. */
    static java.time.Instant firstStart(RunRecord run, io.llmopt.core.store.RunAttempts attempts) {
        if (attempts != null && attempts.firstStartedAt() != null) {
            return attempts.firstStartedAt();
        }
        return run.startedAt() != null ? run.startedAt() : run.createdAt();
    }

    /** The time spent running, summed over every attempt (the current one up to {@code now}). */
    static String activeTime(RunRecord run, io.llmopt.core.store.RunAttempts attempts, java.time.Instant now) {
        if (attempts == null || attempts.attempts() == 0) {
            return io.llmopt.report.Format.duration(run.startedAt(), run.finishedAt());
        }
        return io.llmopt.report.Format.duration(java.time.Instant.EPOCH, java.time.Instant.EPOCH.plus(attempts.active(now)));
    }
}
