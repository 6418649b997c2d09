package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a viewer in another process polls to notice that a run moved. */
class RunActivityTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfWriteChangesTheActivityAndNothingElseDoes() {
        try (RunStore writer = RunStore.open(dir.resolve("runs.db"));
             RunStore viewer = RunStore.open(dir.resolve("runs.db"))) {
            String run = writer.createRun("opro-prompt", "live", null).id();
            RunActivity start = viewer.activity(run).orElseThrow();
            assertThat(viewer.activity(run)).contains(start);

            writer.recordStep(new StepRecord(run, 1, "meta", Instant.now(), null));
            writer.flush();
            RunActivity afterStep = viewer.activity(run).orElseThrow();
            assertThat(afterStep.steps()).isEqualTo(1);
            assertThat(afterStep.finishedSteps()).isZero();

            writer.recordCandidate(CandidateRecord.proposed(run, 0, 1, "Think.", null, CandidateStatus.KEPT, null));
            writer.flush();
            writer.recordScore(run, 0, Split.TRAIN, 0.5, null);
            writer.recordExampleResult(new ExampleResult(run, 0, Split.TRAIN, "e1", null, "42", "42", true));
            writer.flush();
            RunActivity afterScore = viewer.activity(run).orElseThrow();
            assertThat(afterScore).isNotEqualTo(afterStep);
            assertThat(afterScore.candidates()).isEqualTo(1);
            assertThat(afterScore.scores()).isEqualTo(1);
            assertThat(afterScore.exampleResults()).isEqualTo(1);

            writer.updateStatus(run, RunStatus.RUNNING);
            assertThat(viewer.activity(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(viewer.activity("no-such-run")).isEmpty();
        }
    }

    @Test
    void theDataVersionMovesWhenAnotherConnectionCommits() {
        try (RunStore writer = RunStore.open(dir.resolve("runs.db"));
             RunStore viewer = RunStore.open(dir.resolve("runs.db"))) {
            long before = viewer.dataVersion();
            assertThat(viewer.dataVersion()).isEqualTo(before);
            writer.createRun("opro-prompt", "new", null);
            assertThat(viewer.dataVersion()).isNotEqualTo(before);
        }
    }

    @Test
    void stopRequestsCountOnlyAfterTheGivenEvent() {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String run = store.createRun("opro-prompt", "stop me", null).id();
            long baseline = store.lastEventId(run);
            assertThat(store.stopRequestedAfter(run, baseline)).isFalse();
            store.requestStop(run, "a test");
            assertThat(store.stopRequestedAfter(run, baseline)).isTrue();
            assertThat(store.stopRequestedAfter(run, store.lastEventId(run))).isFalse();
        }
    }
}
