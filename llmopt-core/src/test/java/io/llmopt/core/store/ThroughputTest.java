package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of OPRO on a full data set writes hundreds of thousands of example results: the store
 * must keep up at thousands per second through its bounded queue.
 */
class ThroughputTest {

    @TempDir
    Path dir;

    @Test
    void writesFiftyThousandExampleResultsAtThousandsPerSecond() {
        double perSecond = writeExampleResults(50_000);
        assertThat(perSecond).isGreaterThan(2_000);
    }

    /** The paper's scale: 420,000 results in one run. {@code mvn -Pbench} runs it and prints the rate. */
    @Test
    @Tag("benchmark")
    void writesFourHundredTwentyThousandExampleResults() {
        double perSecond = writeExampleResults(420_000);
        System.out.printf("run store: %,.0f example results per second%n", perSecond);
        assertThat(perSecond).isGreaterThan(2_000);
    }

    private double writeExampleResults(int total) {
        int perCandidate = 1_000;
        StoreOptions options = StoreOptions.defaults().withQueueCapacity(4_096).withMaxDelay(Duration.ofMillis(50));
        try (RunStore store = RunStore.open(dir.resolve("runs.db"), options)) {
            String runId = store.createRun("opro-prompt", "scale", null).id();
            List<Long> candidates = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                if (i % perCandidate == 0) {
                    long c = store.nextCandidateId(runId);
                    candidates.add(c);
                    store.recordCandidate(CandidateRecord.proposed(runId, c, i / perCandidate, "instruction " + c, null,
                            CandidateStatus.KEPT, null));
                }
                long c = candidates.get(candidates.size() - 1);
                store.recordExampleResult(new ExampleResult(runId, c, Split.TRAIN, "gsm8k-train-" + (i % perCandidate),
                        "hash" + i, "Let me think. The answer is " + i, Integer.toString(i), i % 3 == 0));
            }
            store.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            long stored = candidates.stream().mapToLong(c -> store.exampleTally(runId, c, Split.TRAIN).total()).sum();
            assertThat(stored).isEqualTo(total);
            return total / seconds;
        }
    }
}
