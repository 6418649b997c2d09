package io.llmopt.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.llm.FinishReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteResponseCacheTest {

    @TempDir
    Path dir;

    private static CachedCompletion entry(String text) {
        return new CachedCompletion(text, FinishReason.LENGTH, 7, 3);
    }

    @Test
    void storesAndReadsBackEveryField() {
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir.resolve("c.sqlite"))) {
            cache.putAll(Map.of("k1", entry("hello"), "k2", entry("world")));

            assertThat(cache.getAll(List.of("k1", "k2", "absent")))
                    .containsOnlyKeys("k1", "k2")
                    .containsEntry("k1", entry("hello"));
            assertThat(cache.size()).isEqualTo(2);
        }
    }

    @Test
    void firstWriterWins() {
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir.resolve("c.sqlite"))) {
            cache.putAll(Map.of("k", entry("first")));
            cache.putAll(Map.of("k", entry("second")));
            assertThat(cache.getAll(List.of("k")).get("k").text()).isEqualTo("first");
        }
    }

    @Test
    void usesWriteAheadLogging() throws Exception {
        Path file = dir.resolve("c.sqlite");
        SqliteResponseCache.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                var rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void manyThreadsThroughTwoHandlesOnOneFileLoseNothing() {
        // Two handles on one file stand in for two processes sharing a cache.
        Path file = dir.resolve("shared.sqlite");
        int threads = 8;
        int perThread = 150;
        try (SqliteResponseCache a = SqliteResponseCache.open(file);
                SqliteResponseCache b = SqliteResponseCache.open(file);
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SqliteResponseCache target = t % 2 == 0 ? a : b;
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perThread; i += 3) {
                        target.putAll(Map.of(
                                thread + ":" + i, entry("v" + i),
                                thread + ":" + (i + 1), entry("v" + (i + 1)),
                                thread + ":" + (i + 2), entry("v" + (i + 2))));
                        target.getAll(List.of(thread + ":" + i));
                    }
                }, pool));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();

            assertThat(a.size()).isEqualTo((long) threads * perThread);
            assertThat(b.getAll(List.of("0:0", "7:149"))).hasSize(2);
        }
    }

    @Test
    void concurrentWritersAreGroupCommittedAndEachSeesItsOwnEntryWhenItReturns() throws Exception {
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir.resolve("c.sqlite"));
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Boolean>> visibleOnReturn = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String key = "k" + i;
                visibleOnReturn.add(CompletableFuture.supplyAsync(() -> {
                    cache.putAll(Map.of(key, entry("v" + key)));
                    return cache.getAll(List.of(key)).containsKey(key);
                }, pool));
            }
            assertThat(visibleOnReturn).allSatisfy(f -> assertThat(f.join()).isTrue());
            assertThat(cache.size()).isEqualTo(500);
        }
    }

    @Test
    void anInterruptedWriteLeavesTheFileReadable() throws Exception {
        Path file = dir.resolve("c.sqlite");
        try (SqliteResponseCache cache = SqliteResponseCache.open(file)) {
            cache.putAll(Map.of("committed", entry("ok")));
        }
        // A writer that dies mid-transaction: its rows must not appear, the rest must survive.
        Connection crashed = DriverManager.getConnection("jdbc:sqlite:" + file);
        crashed.setAutoCommit(false);
        try (Statement s = crashed.createStatement()) {
            s.executeUpdate("INSERT INTO completion_cache VALUES ('half', 'x', 'stop', 1, 1, 0, NULL)");
        }
        crashed.close();

        try (SqliteResponseCache cache = SqliteResponseCache.open(file)) {
            assertThat(cache.getAll(List.of("committed", "half"))).containsOnlyKeys("committed");
        }
    }

    @Test
    void unopenableFileSaysWhichFile() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        assertThatThrownBy(() -> SqliteResponseCache.open(notADir.resolve("c.sqlite")))
                .isInstanceOf(ResponseCacheException.class)
                .hasMessageContaining(notADir.toString());
    }
}
