package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt page in the store: refused at open after an unclean close, no status changes, salvage of the rest. */
class StoreDamageTest {

    @TempDir
    Path dir;

    /** The runs a, b and c of {@link #damagedStore()}, in order. */
    private final java.util.ArrayList<String> ids = new java.util.ArrayList<>();

    @Test
    void aDamagedStoreIsRefusedAfterAnUncleanCloseWithOneLineAndNothingChanged() throws Exception {
        Path file = damagedStore();
        Files.write(file.resolveSibling("runs.db-wal"), new byte[] {1, 2, 3}); // the last process died
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> RunStore.open(file))
                .isInstanceOf(StoreDamagedException.class)
                .hasMessageStartingWith("run store " + file + " is damaged (")
                .hasMessageEndingWith("nothing was changed; run 'llmopt runs check' to check it and copy its readable"
                        + " runs to a new store")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}"));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aReadThatFindsDamageStopsEveryWriteSoNoStatusChanges() throws Exception {
        Path file = damagedStore();
        try (RunStore store = RunStore.open(file)) { // closed cleanly last time: no check at open
            String damagedRun = ids.get(2);
            assertThatThrownBy(() -> store.events(damagedRun))
                    .isInstanceOf(StoreException.class).hasMessageContaining("llmopt runs check");
            assertThatThrownBy(() -> store.updateStatus(ids.get(0), RunStatus.FAILED))
                    .isInstanceOf(StoreException.class).hasMessageContaining("llmopt runs check");
        }
        assertThat(statusOf(file, ids.get(0))).isEqualTo("completed");
    }

    @Test
    void checkFindsTheDamageAndSalvageCopiesEveryReadableRun() throws Exception {
        Path file = damagedStore();
        IntegrityReport report = StoreSalvage.check(file);
        assertThat(report.ok()).isFalse();
        assertThat(String.join("\n", report.messages())).doesNotContainPattern("[\\x00-\\x09\\x0B-\\x1F]");

        Path target = dir.resolve("salvaged.db");
        StoreSalvage.Result result = StoreSalvage.salvage(file, target);
        assertThat(result.copied()).containsExactly(ids.get(0), ids.get(1));
        assertThat(result.lost()).containsOnlyKeys(ids.get(2));
        try (RunStore salvaged = RunStore.open(target)) {
            assertThat(salvaged.integrityCheck().ok()).isTrue();
            assertThat(salvaged.runs()).extracting(RunRecord::id).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
            assertThat(salvaged.events(ids.get(1))).hasSize(20);
            assertThat(salvaged.run(ids.get(0)).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        }
        assertThatThrownBy(() -> StoreSalvage.salvage(file, target)).hasMessageContaining("already exists");
    }

    /** Three completed runs; the last one's many large events fill the file's last pages, which are then overwritten. */
    private Path damagedStore() throws Exception {
        Path file = dir.resolve("runs.db");
        try (RunStore store = RunStore.open(file)) {
            for (String name : List.of("a", "b", "c")) {
                String id = store.createRun("opro-prompt", name, null).id();
                ids.add(id);
                Thread.sleep(5); // distinct creation times, so the order is the runs' order
                int events = name.equals("c") ? 300 : 20;
                String text = name.equals("c") ? "y".repeat(3_000) : "small";
                for (int i = 0; i < events; i++) {
                    store.recordEvent(new EventRecord(id, Instant.now(), EventLevel.INFO, "e", text, null));
                }
                store.updateStatus(id, RunStatus.COMPLETED);
                store.flush();
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        int pageSize = ((bytes[16] & 0xFF) << 8) | (bytes[17] & 0xFF);
        for (int i = bytes.length - 20 * pageSize; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, bytes);
        return file;
    }

    private static String statusOf(Path file, String runId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status FROM run WHERE id = '" + runId + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
