package io.llmopt.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFailuresTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotAStoreIsAOneLineError() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are my notes, not a database. ".repeat(200), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RunStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("run store " + file + ": opening failed: ")
                .hasMessageContaining("not a valid llmopt store or is corrupt")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anUnwritableFolderIsAOneLineErrorNamingIt() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Path locked = dir.resolve("locked");
        Files.createDirectory(locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeTrue(!Files.isWritable(locked), "running as a user who can write anywhere (root)");
        Path file = locked.resolve("runs.db");
        assertThatThrownBy(() -> RunStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not writable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aFullDiskFailsEveryLaterWriteWithOneLineAndKeepsWhatWasCommitted() throws Exception {
        Path file = dir.resolve("runs.db");
        try (RunStore store = RunStore.open(file)) {
            String runId = store.createRun("opro-prompt", "kept", null).id();
            long c = store.nextCandidateId(runId);
            store.recordCandidate(CandidateRecord.proposed(runId, c, 0, "ins", null, CandidateStatus.KEPT, null));
            store.recordExampleResult(new ExampleResult(runId, c, Split.TRAIN, "committed", null, "o", "a", true));
            store.flush();
            // SQLite reports SQLITE_FULL once the file may not grow: the same error as a full disk
            store.submit(w -> {
                try (Statement s = w.connection().createStatement()) {
                    s.execute("PRAGMA max_page_count = 1");
                }
            }).join();
            String big = "x".repeat(4_000);
            for (int i = 0; i < 200; i++) {
                store.recordExampleResult(new ExampleResult(runId, c, Split.TRAIN, "e" + i, null, big, "a", true));
            }
            assertThatThrownBy(store::flush)
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("run store " + file + ": writing failed: the disk is full")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThatThrownBy(() -> store.recordEvent(new EventRecord(runId, Instant.now(), EventLevel.INFO, "t", null, null)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("disk is full");
        }
        try (RunStore store = RunStore.open(file)) {
            RunRecord run = store.runs().get(0);
            assertThat(run.name()).isEqualTo("kept");
            assertThat(store.completedExampleIds(run.id(), 0, Split.TRAIN)).containsExactly("committed");
            assertThat(store.integrityCheck().ok()).isTrue();
        }
    }
}
