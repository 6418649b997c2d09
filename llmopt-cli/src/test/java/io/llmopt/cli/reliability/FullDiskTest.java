package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llmopt.cli.CliRunner;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 1 MiB tmpfs, filled to a few pages short, holds the response cache or the
 * store. Mounting needs root (a container run as root usually may); elsewhere the test is skipped
 * and the store-level tests ({@code StoreFailuresTest}, {@code FailSafeResponseCacheTest}) still hold.
 */
@ExtendWith(SimulatedLlmExtension.class)
class FullDiskTest {

    @TempDir
    Path dir;

    private Path disk;

    @BeforeEach
    void mountATinyDisk() throws Exception {
        disk = Files.createDirectories(dir.resolve("tiny"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()) == 0,
                "cannot mount a tmpfs here (not root?)");
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", "-l", disk.toString()); // lazy: a file the run left open must not keep the disk busy
    }

    @Test
    void aCacheOnAFullDiskIsSwitchedOffWithOneWarningAndTheRunGoesOn(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        List<String> args = new ArrayList<>(Worlds.oproPrompt(Worlds.sums(dir)));
        args.addAll(List.of("--model", "openai-compatible:" + sim.baseUrl() + "#sim-model",
                "--store", dir.resolve("runs.db").toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--cache", "read-write", "--set", "cache.path=" + disk.resolve("cache.db"), "--quiet"));
        fill(disk, 48 * 1024);
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        long warnings = r.err().lines().filter(l -> l.contains("switched off")).count();
        assertThat(r.err().lines().count()).as(r.err()).isLessThanOrEqualTo(2);
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunRecord run = store.runs().getFirst();
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(store.events(run.id())).filteredOn(e -> e.type().equals("cache.off")).hasSize(1);
        }
        System.out.printf("full disk, cache: exit %d, %d stderr line(s) (%d naming the switch-off), run completed%n",
                r.exitCode(), r.err().lines().count(), warnings);
    }

    @Test
    void aStoreOnAFullDiskStopsTheRunWithOneLineNamingTheFile(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        // 160 KiB: the new store's schema does not fit (its migration fails); 256 KiB: it fills mid-run
        for (long room : new long[] {160 * 1024, 256 * 1024}) {
            Path store = disk.resolve("runs-" + room + ".db");
            List<String> args = new ArrayList<>(Worlds.oproPrompt(Worlds.sums(dir)));
            args.addAll(List.of("--model", "openai-compatible:" + sim.baseUrl() + "#sim-model",
                    "--store", store.toString(), "--runs-dir", dir.resolve("runs").toString(), "--cache", "off", "--quiet"));
            fill(disk, room);
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(store.toString()).contains("disk is full").doesNotContain("\tat ");
            String status = "none";
            Files.deleteIfExists(disk.resolve("filler"));
            try (RunStore s = RunStore.open(store)) {
                if (!s.runs().isEmpty()) {
                    status = s.runs().getFirst().status().wireName();
                    // where the disk filled decides what the status could still record: never a finished run
                    assertThat(s.runs().getFirst().status()).isNotEqualTo(RunStatus.COMPLETED);
                }
                assertThat(s.integrityCheck().ok()).isTrue();
            }
            Files.deleteIfExists(store);
            Files.deleteIfExists(Path.of(store + "-wal"));
            Files.deleteIfExists(Path.of(store + "-shm"));
            System.out.printf("full disk, store (%d KiB free): exit %d, %d stderr line(s), status %s: %s%n",
                    room / 1024, r.exitCode(), r.err().strip().lines().count(), status, r.err().strip());
        }
    }

    @Test
    void aRunsFolderOnAFullDiskFailsTheRunWithOneLineNamingTheFile(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        List<String> args = new ArrayList<>(Worlds.oproPrompt(Worlds.sums(dir)));
        args.addAll(List.of("--model", "openai-compatible:" + sim.baseUrl() + "#sim-model",
                "--store", dir.resolve("runs.db").toString(), "--runs-dir", disk.resolve("runs").toString(),
                "--cache", "off", "--quiet"));
        fill(disk, 2 * 1024);
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(disk.toString()).doesNotContain("\tat ");
        try (RunStore s = RunStore.open(dir.resolve("runs.db"))) {
            assertThat(s.runs()).singleElement().extracting(RunRecord::status).isEqualTo(RunStatus.FAILED);
        }
        System.out.printf("full disk, runs folder: exit %d, %d stderr line(s), status failed: %s%n",
                r.exitCode(), r.err().strip().lines().count(), r.err().strip());
    }

    /** Fills the disk up to {@code leave} bytes free. */
    private static void fill(Path disk, long leave) throws IOException {
        long free = Files.getFileStore(disk).getUsableSpace();
        Files.write(disk.resolve("filler"), new byte[(int) Math.max(0, free - leave)]);
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
