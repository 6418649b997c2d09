package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM that is writing units of work, then checks the file: intact, and no unit half there. */
class CrashConsistencyTest {

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesEveryUnitOfWorkWholeOrAbsent() throws Exception {
        Path file = dir.resolve("runs.db");
        String runId;
        try (RunStore store = RunStore.open(file)) {
            runId = store.createRun("opro-prompt", "crash", null).id();
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                CrashingWriterMain.class.getName(), file.toString(), runId)
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        int lastReported = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("committed ")) {
                    lastReported = Math.max(lastReported, Integer.parseInt(line.substring("committed ".length())));
                    if (lastReported >= 150) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastReported).as("the child committed units before it was killed; its errors: %s",
                Files.exists(dir.resolve("child.err")) ? Files.readString(dir.resolve("child.err")) : "").isGreaterThanOrEqualTo(150);

        try (RunStore store = RunStore.open(file)) {
            assertThat(store.integrityCheck().ok()).isTrue();
            var steps = store.steps(runId);
            var candidates = store.candidates(runId);
            var units = store.workItemKeys(runId, "unit", WorkItem.DONE);
            assertThat(steps).hasSameSizeAs(candidates).hasSameSizeAs(units);
            // nothing reported committed is lost
            assertThat(steps.size()).isGreaterThan(lastReported);
            for (CandidateRecord c : candidates) {
                assertThat(units).contains(Integer.toString(c.step()));
                assertThat(store.completedExampleIds(runId, c.id(), Split.TRAIN)).hasSize(CrashingWriterMain.RESULTS_PER_UNIT);
            }
            // units are committed in order, so the present ones are exactly 0..n-1
            assertThat(steps).extracting(StepRecord::index).containsExactlyElementsOf(
                    IntStream.range(0, steps.size()).boxed().toList());
        }
    }
}
