package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.config.ConfigException;
import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run a method is part of, made by a library user or by an active run. */
class RunContextTest {

    @TempDir
    Path dir;

    private static final class Seen implements RunListener {
        final List<RunEvent> events = new CopyOnWriteArrayList<>();
        final List<Progress> progress = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(RunEvent event) {
            events.add(event);
        }

        @Override
        public void onProgress(Progress p) {
            progress.add(p);
        }
    }

    @Test
    void aStoredContextRecordsItsEventsShowsProgressAndStopsWhenAsked() {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun("test-kind", "ctx", null).id();
            Seen seen = new Seen();
            AtomicBoolean stop = new AtomicBoolean();
            RunContext context = RunContext.of(store, runId).withListener(seen).withStop(stop::get);

            context.event(RunEvent.warn(runId, "thing.failed", "it failed", Map.of("n", 1)));
            Progress p = context.progress("scoring", 1, 3, 5, 10, OptionalDouble.of(0.5), 1);
            store.flush();

            assertThat(store.events(runId)).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("thing.failed");
                assertThat(e.dataJson()).contains("\"n\":1");
            });
            assertThat(seen.events).extracting(RunEvent::type).containsExactly("thing.failed");
            assertThat(seen.progress).containsExactly(p);
            assertThat(p.unitsDone()).isEqualTo(5);
            assertThat(p.calls()).isZero();
            assertThat(context.stopRequested()).isFalse();
            stop.set(true);
            assertThat(context.stopRequested()).isTrue();
            assertThatThrownBy(() -> context.model("scorer")).isInstanceOf(ConfigException.class).hasMessageContaining("scorer");
        }
    }

    @Test
    void anInMemoryContextHasNoStoreButStillTells() {
        Seen seen = new Seen();
        RunContext context = RunContext.inMemory("memory-1").withListener(seen);
        assertThat(context.persistent()).isFalse();
        assertThatThrownBy(context::store).isInstanceOf(IllegalStateException.class);
        context.event(RunEvent.info("memory-1", "step.finished", "step 1", Map.of()));
        assertThat(seen.events).hasSize(1);
    }

    @Test
    void anActiveRunsContextIsThatRun() {
        LoadedConfig config = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(List.of(
                "runs_dir=" + dir.resolve("runs"), "cache.path=" + dir.resolve("cache/responses.db")), "--set")).load();
        Seen shown = new Seen();
        try (Workspace ws = Workspace.builder(config).listener(shown).build()) {
            RunRecord record = ws.store().createRun("test-kind", "active", null);
            try (ActiveRun run = new ActiveRun(ws, record, dir.resolve("run"))) {
                RunContext context = run.context();
                assertThat(context.runId()).isEqualTo(run.id());
                assertThat(context.store()).isSameAs(ws.store());

                // a pipeline's own snapshot reaches the workspace's listener through the run
                context.listener().onProgress(new Progress(run.id(), "rewrite", 0, 0, 2, 4, OptionalDouble.empty(), 0,
                        0, 0, 0, 0, 0, java.time.Duration.ZERO));
                context.progress("scoring", 1, 2, 3, 4, OptionalDouble.empty(), 0);
                assertThat(shown.progress).extracting(Progress::phase).containsExactly("rewrite", "scoring");

                context.event(RunEvent.warn(run.id(), "rewrite.failed", "one failed", Map.of()));
                ws.store().flush();
                assertThat(ws.store().events(run.id())).extracting(e -> e.type()).contains("rewrite.failed");
                assertThat(shown.events).extracting(RunEvent::type).contains("rewrite.failed");

                assertThat(context.stopRequested()).isFalse();
                run.requestStop();
                assertThat(context.stopRequested()).isTrue();
                assertThatThrownBy(() -> context.model("judge")).isInstanceOf(ConfigException.class);
                run.finish(io.llmopt.core.store.RunStatus.INTERRUPTED, null);
            }
        }
    }
}
