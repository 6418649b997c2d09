package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resumed run records its first start, its attempts and the time spent running over all of them. */
class RunAttemptsTest {

    @TempDir
    Path dir;

    @Test
    void aKilledAndResumedRunSumsItsActiveTimeAndKeepsItsFirstStart() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String id = store.createRun("opro-prompt", "r", null).id();
            Instant before = Instant.now();
            store.updateStatus(id, RunStatus.RUNNING);
            Thread.sleep(200);
            store.recordEvent(new EventRecord(id, Instant.now(), EventLevel.INFO, "step", null, null));
            store.flush();
            Thread.sleep(600); // killed: no status written; the run waits to be resumed
            store.updateStatus(id, RunStatus.RUNNING);
            Thread.sleep(200);
            store.updateStatus(id, RunStatus.INTERRUPTED);
            Thread.sleep(300); // stopped, waiting again
            store.updateStatus(id, RunStatus.RUNNING);
            Thread.sleep(100);
            store.updateStatus(id, RunStatus.COMPLETED);

            RunAttempts a = store.attempts(id).orElseThrow();
            RunRecord run = store.run(id).orElseThrow();
            assertThat(a.attempts()).isEqualTo(3);
            assertThat(a.firstStartedAt()).isBetween(before, before.plusMillis(150));
            assertThat(a.lastStartedAt()).isEqualTo(run.startedAt());
            Duration wall = Duration.between(a.firstStartedAt(), run.finishedAt());
            assertThat(a.active(Instant.now()).toMillis()).as("wall clock %s", wall)
                    .isBetween(480L, wall.toMillis() - 800);
        }
    }

    @Test
    void anOlderStoreGetsOneAttemptPerStartedRun() throws Exception {
        Path file = dir.resolve("old.db");
        // a store as the previous release left it (V1 and V2), then opened by this code
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(new SchemaMigrations("/io/llmopt/core/store/testmigrations/store-v2/").migrate(c, file)).isEqualTo(2);
            s.execute("INSERT INTO run (id, kind, status, created_at, started_at, finished_at) VALUES ('old', 'k',"
                    + " 'completed', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z', '2026-01-01T10:01:30.500Z')");
        }
        try (RunStore store = RunStore.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(SchemaMigrations.forStore().latestVersion());
            RunAttempts a = store.attempts("old").orElseThrow();
            assertThat(a.attempts()).isEqualTo(1);
            assertThat(a.firstStartedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
            assertThat(a.active(Instant.now())).isEqualTo(Duration.ofMillis(90_500));
        }
    }
}
