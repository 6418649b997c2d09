package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersTest {

    @TempDir
    Path dir;

    @Test
    void manyThreadsWritingThroughASmallQueueLoseNothing() throws Exception {
        // a tiny queue and batch force producers to wait and the writer to commit often
        StoreOptions options = StoreOptions.defaults().withQueueCapacity(16).withBatchSize(32).withMaxDelay(Duration.ofMillis(2));
        int threads = 12;
        int perThread = 400;
        try (RunStore store = RunStore.open(dir.resolve("runs.db"), options)) {
            String runId = store.createRun("opro-prompt", null, null).id();
            List<Long> candidates = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long c = store.nextCandidateId(runId);
                candidates.add(c);
                store.recordCandidate(CandidateRecord.proposed(runId, c, 0, "instruction " + t, null, CandidateStatus.KEPT, null));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long c = candidates.get(t);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String ex = "ex" + i;
                        boolean correct = i % 3 == 0;
                        if (i % 2 == 0) {
                            store.recordExampleResult(new ExampleResult(runId, c, Split.TRAIN, ex, null, "o", "a", correct));
                        } else {
                            store.transaction(tx -> tx
                                    .exampleResult(new ExampleResult(runId, c, Split.TRAIN, ex, null, "o", "a", correct))
                                    .workItem(WorkItem.done(runId, "probe", c + "/" + ex, null)));
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            store.flush();

            for (long c : candidates) {
                assertThat(store.completedExampleIds(runId, c, Split.TRAIN)).hasSize(perThread);
                assertThat(store.exampleTally(runId, c, Split.TRAIN).correct()).isEqualTo((perThread + 2) / 3);
            }
            assertThat(store.workItemKeys(runId, "probe", WorkItem.DONE)).hasSize(threads * perThread / 2);
        }
    }
}
