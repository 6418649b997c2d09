package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationsTest {

    private static final String TEST = "/io/llmopt/core/store/testmigrations/";

    @TempDir
    Path dir;

    @Test
    void theStoreSchemaIsAtTheLatestVersionAndRecordsIt() throws Exception {
        Path file = dir.resolve("runs.db");
        try (RunStore store = RunStore.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(SchemaMigrations.forStore().latestVersion()).isGreaterThanOrEqualTo(1);
        }
        try (Connection c = connect(file)) {
            assertThat(versions(c)).hasSize(SchemaMigrations.forStore().latestVersion());
            assertThat(columns(c, "work_item")).contains("run_id", "kind", "item_key", "payload", "status");
        }
    }

    /** A store written before the call log split a call's time still opens, and its old calls read with no split. */
    @Test
    void aVersion1StoreOpensAndItsCallsReadWithoutTheTimeSplit() throws Exception {
        Path file = dir.resolve("v1-calls.db");
        try (Connection c = connect(file); Statement s = c.createStatement()) {
            String v1;
            try (var in = SchemaMigrations.class.getResourceAsStream(SchemaMigrations.STORE_MIGRATIONS + "V1.sql")) {
                v1 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            SchemaMigrations.currentVersion(c);
            for (String sql : SchemaMigrations.statements(v1)) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_version (version, applied_at) VALUES (1, 'then')");
            s.execute("INSERT INTO run (id, kind, status, created_at) VALUES ('r1', 'opro-prompt', 'completed', '2026-01-01T00:00:00Z')");
            s.execute("INSERT INTO llm_call (run_id, role, model, samples, prompt_tokens, completion_tokens, cost, latency_ms,"
                    + " cache_hit, started_at) VALUES ('r1', 'scorer', 'sim:m', 1, 10, 5, 0, 1271, 0, '2026-01-01T00:00:00Z')");
        }
        try (RunStore store = RunStore.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(SchemaMigrations.forStore().latestVersion());
            var old = store.calls("r1").get(0);
            assertThat(old.latencyMillis()).isEqualTo(1271);
            assertThat(old.serverMillis()).isNull();
            assertThat(old.slotWaitMillis()).isNull();
            store.recordCall("r1", new io.llmopt.core.accounting.LlmCallRecord("scorer", "sim:m", "h", 1, 10, 5, 0, 1271,
                    false, null, java.time.Instant.now(), 0L, 1270L));
            store.flush();
            var split = store.calls("r1").get(1);
            assertThat(split.serverMillis()).isZero();
            assertThat(split.slotWaitMillis()).isEqualTo(1270);
        }
    }

    /** A store written with run leases but before the call time split (V2) gains the split and keeps its lease. */
    @Test
    void aVersion2StoreKeepsItsLeaseAndGainsTheTimeSplit() throws Exception {
        Path file = dir.resolve("v2.db");
        try (Connection c = connect(file); Statement s = c.createStatement()) {
            SchemaMigrations.currentVersion(c);
            for (int v = 1; v <= 2; v++) {
                String script;
                try (var in = SchemaMigrations.class.getResourceAsStream(SchemaMigrations.STORE_MIGRATIONS + "V" + v + ".sql")) {
                    script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                for (String sql : SchemaMigrations.statements(script)) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + v + ", 'then')");
            }
            assertThat(columns(c, "llm_call")).doesNotContain("server_ms", "slot_wait_ms");
            s.execute("INSERT INTO run (id, kind, status, created_at) VALUES ('r2', 'opro-prompt', 'running', '2026-01-01T00:00:00Z')");
            s.execute("INSERT INTO run_lease (run_id, owner, pid, host, acquired_at, heartbeat_at) VALUES ('r2', 'other', 1, 'h', 1, 1)");
        }
        try (RunStore store = RunStore.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(SchemaMigrations.forStore().latestVersion()).isGreaterThanOrEqualTo(3);
            assertThat(store.lease("r2")).get().extracting(RunLease::owner).isEqualTo("other");
        }
        try (Connection c = connect(file)) {
            assertThat(columns(c, "llm_call")).contains("server_ms", "slot_wait_ms");
            assertThat(versions(c)).startsWith(1, 2, 3).hasSize(SchemaMigrations.forStore().latestVersion());
        }
    }

    @Test
    void appliesOnlyTheMissingMigrationsInOrder() throws Exception {
        Path file = dir.resolve("m.db");
        try (Connection c = connect(file)) {
            assertThat(new SchemaMigrations(TEST + "v2").migrate(c, file)).isEqualTo(2);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO note (body, author) VALUES ('kept', 'ann')");
            }
            assertThat(new SchemaMigrations(TEST + "v3").migrate(c, file)).isEqualTo(3);
            assertThat(versions(c)).containsExactly(1, 2, 3);
            assertThat(columns(c, "note")).containsExactly("id", "body", "author", "created_at");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT body FROM note")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
            // running again changes nothing
            assertThat(new SchemaMigrations(TEST + "v3").migrate(c, file)).isEqualTo(3);
            assertThat(versions(c)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aNewerFileIsRefusedByOlderCode() throws Exception {
        Path file = dir.resolve("m.db");
        try (Connection c = connect(file)) {
            new SchemaMigrations(TEST + "v3").migrate(c, file);
            assertThatThrownBy(() -> new SchemaMigrations(TEST + "v2").migrate(c, file))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("run store " + file + " has schema version 3 but this llmopt knows only up to version 2;"
                            + " upgrade llmopt or use another store file");
        }
    }

    @Test
    void aNewerStoreFileIsRefusedWhenOpened() throws Exception {
        Path file = dir.resolve("runs.db");
        RunStore.open(file).close();
        try (Connection c = connect(file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 'future')");
        }
        assertThatThrownBy(() -> RunStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void aFailingMigrationLeavesThePreviousVersion() throws Exception {
        Path file = dir.resolve("m.db");
        try (Connection c = connect(file)) {
            assertThatThrownBy(() -> new SchemaMigrations(TEST + "broken").migrate(c, file)).isInstanceOf(SQLException.class);
            assertThat(versions(c)).containsExactly(1);
            assertThat(columns(c, "note")).containsExactly("id", "body");
        }
    }

    @Test
    void aStoreWrittenBeforeRunLeasesOpensAndItsRunsCanBeLeased() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = connect(file)) {
            // the store as llmopt wrote it before V2 (V1 only), with a run in it
            assertThat(new SchemaMigrations("/io/llmopt/core/store/v1store/").migrate(c, file)).isEqualTo(1);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO run (id, kind, config, status, created_at) VALUES ('old', 'k', '{}', 'interrupted', '2026-01-01T00:00:00Z')");
            }
        }
        try (RunStore store = RunStore.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(SchemaMigrations.forStore().latestVersion());
            assertThat(store.run("old")).isPresent();
            assertThat(store.lease("old")).isEmpty();
            RunLease mine = RunLease.forThisProcess("old");
            assertThat(store.acquireLease(mine, RunLease.STALE_AFTER).owner()).isEqualTo(mine.owner());
        }
    }

    @Test
    void twoProcessesOpeningANewStoreAtOnceBothSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path file = dir.resolve("new-" + round + ".db");
            List<Thread> openers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 4; i++) {
                openers.add(Thread.ofPlatform().start(() -> {
                    try (RunStore store = RunStore.open(file)) {
                        store.runs();
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread t : openers) {
                t.join();
            }
            assertThat(failures).as("round %d", round).isEmpty();
            try (Connection c = connect(file)) {
                assertThat(versions(c)).hasSize(SchemaMigrations.forStore().latestVersion());
            }
        }
    }

    @Test
    void splitsScriptsIntoStatementsIgnoringComments() {
        assertThat(SchemaMigrations.statements("-- head\nCREATE TABLE a (x TEXT); -- tail\n\nCREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x TEXT)", "CREATE INDEX i ON a (x)");
    }

    @Test
    void aMigrationSqliteRolledBackItselfFailsWithItsCauseNotWithTheFailedRollback() throws Exception {
        // on a full disk SQLite rolls the transaction back itself: our ROLLBACK then fails, and
        // its "no transaction is active" once replaced "the disk is full" in the user's one line
        Path file = dir.resolve("self.db");
        try (Connection c = connect(file)) {
            assertThatThrownBy(() -> new SchemaMigrations(TEST + "self-rolled-back").migrate(c, file))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no such table: missing")
                    .hasMessageNotContaining("cannot rollback");
            assertThat(SchemaMigrations.currentVersion(c)).as("left at the previous version").isZero();
        }
    }

    private static Connection connect(Path file) throws SQLException {
        return SqliteConnections.open(file, StoreOptions.defaults(), false);
    }

    private static List<Integer> versions(Connection c) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                out.add(rs.getString("name"));
            }
        }
        return out;
    }
}
