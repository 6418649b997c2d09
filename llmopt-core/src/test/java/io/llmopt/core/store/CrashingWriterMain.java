package io.llmopt.core.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Run in a separate JVM by {@link CrashConsistencyTest}: writes units of work to a store until it
 * is killed, printing "committed N" once unit N is committed.
 */
public final class CrashingWriterMain {

    static final int RESULTS_PER_UNIT = 40;

    private CrashingWriterMain() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String runId = args[1];
        // small batches and no delay: many commits, so the kill lands between and inside them
        StoreOptions options = StoreOptions.defaults().withBatchSize(7).withMaxDelay(Duration.ZERO);
        RunStore store = RunStore.open(file, options);
        for (int i = 0; ; i++) {
            int unit = i;
            long candidate = store.nextCandidateId(runId);
            store.transaction(tx -> {
                tx.step(new StepRecord(runId, unit, "meta-prompt " + unit, Instant.now(), Instant.now()));
                tx.candidate(CandidateRecord.proposed(runId, candidate, unit, "candidate " + unit, null, CandidateStatus.KEPT, null));
                for (int e = 0; e < RESULTS_PER_UNIT; e++) {
                    tx.exampleResult(new ExampleResult(runId, candidate, Split.TRAIN, "ex" + e, null, "output " + e, "a", e % 2 == 0));
                }
                tx.workItem(WorkItem.done(runId, "unit", Integer.toString(unit), "{\"candidate\":" + candidate + "}"));
            }).thenRun(() -> {
                System.out.println("committed " + unit);
                System.out.flush();
            });
        }
    }
}
