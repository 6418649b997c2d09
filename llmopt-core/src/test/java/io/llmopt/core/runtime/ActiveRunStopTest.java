package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop asked for through the store, e.g. by the dashboard in another process, reaches the running loop. */
class ActiveRunStopTest {

    @TempDir
    Path dir;

    private LoadedConfig config() {
        return new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(List.of(
                "runs_dir=" + dir.resolve("runs"), "cache.path=" + dir.resolve("cache/responses.db")), "--set")).load();
    }

    @Test
    void aStopRequestedThroughAnotherStoreConnectionStopsTheRun() {
        try (Workspace ws = Workspace.builder(config()).build();
             RunStore otherProcess = RunStore.open(ws.store().file())) {
            RunRecord record = ws.store().createRun("test-kind", "stoppable", null);
            ActiveRun run = new ActiveRun(ws, record, dir.resolve("run"), Duration.ZERO);
            assertThat(run.stopRequested()).isFalse();

            otherProcess.requestStop(record.id(), "the dashboard");

            assertThat(run.stopRequested()).isTrue();
            assertThat(ws.store().events(record.id())).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(RunStore.STOP_REQUESTED);
                assertThat(e.message()).contains("the dashboard");
            });
        }
    }

    @Test
    void theStoreIsAskedAtMostOncePerPollInterval() {
        try (Workspace ws = Workspace.builder(config()).build()) {
            RunRecord record = ws.store().createRun("test-kind", "slow poll", null);
            ActiveRun run = new ActiveRun(ws, record, dir.resolve("run"), Duration.ofHours(1));
            ws.store().requestStop(record.id(), "a test");
            // within the interval the request is not looked up yet; a local stop still counts at once
            assertThat(run.stopRequested()).isFalse();
            run.requestStop();
            assertThat(run.stopRequested()).isTrue();
        }
    }

    @Test
    void aStopRequestFromBeforeAResumeDoesNotStopTheResumedRun() {
        try (Workspace ws = Workspace.builder(config()).build()) {
            RunRecord record = ws.store().createRun("test-kind", "resumed", null);
            ActiveRun first = new ActiveRun(ws, record, dir.resolve("run"), Duration.ZERO);
            ws.store().requestStop(record.id(), "a test");
            assertThat(first.stopRequested()).isTrue();
            first.close(); // one process per run: the first attempt ends before the resume

            ActiveRun resumed = new ActiveRun(ws, record, dir.resolve("run"), Duration.ZERO);
            assertThat(resumed.stopRequested()).isFalse();
            ws.store().requestStop(record.id(), "a test, again");
            assertThat(resumed.stopRequested()).isTrue();
        }
    }
}
