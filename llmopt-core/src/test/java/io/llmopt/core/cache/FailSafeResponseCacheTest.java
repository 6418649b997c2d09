package io.llmopt.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.llm.FinishReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailSafeResponseCacheTest {

    @TempDir
    Path dir;

    private static final CachedCompletion REPLY = new CachedCompletion("42", FinishReason.STOP, 3, 1);

    @Test
    void aCacheThatCannotBeWrittenIsSwitchedOffWithOneWarning() {
        List<String> warnings = new ArrayList<>();
        ResponseCache full = new ResponseCache() {
            @Override
            public Map<String, CachedCompletion> getAll(java.util.Collection<String> keys) {
                return Map.of();
            }

            @Override
            public long size() {
                return 0;
            }

            @Override
            public void putAll(Map<String, CachedCompletion> entries) {
                throw new ResponseCacheException("cannot write the response cache c.db: [SQLITE_FULL] database or disk is full",
                        new java.sql.SQLException("[SQLITE_FULL] database or disk is full"));
            }
        };
        FailSafeResponseCache cache = new FailSafeResponseCache(full, "c.db", warnings::add);
        for (int i = 0; i < 1000; i++) {
            cache.putAll(Map.of("k" + i, REPLY));
            assertThat(cache.getAll(List.of("k" + i))).isEmpty();
        }
        assertThat(cache.switchedOff()).isTrue();
        assertThat(warnings).containsExactly("the response cache c.db cannot be written ([SQLITE_FULL] database or disk"
                + " is full); it is switched off for the rest of the run, which goes on without it");
    }

    @Test
    void aCacheFileWithACorruptPageIsSwitchedOffWithOneWarning() throws Exception {
        Path file = dir.resolve("cache.db");
        try (SqliteResponseCache cache = SqliteResponseCache.open(file)) {
            Map<String, CachedCompletion> many = new java.util.HashMap<>();
            for (int i = 0; i < 2000; i++) {
                many.put("key-" + i, new CachedCompletion("reply " + "x".repeat(200) + i, FinishReason.STOP, 3, 1));
            }
            cache.putAll(many);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        corruptPagesAfterTheFirst(file);

        List<String> warnings = new ArrayList<>();
        FailSafeResponseCache cache = new FailSafeResponseCache(SqliteResponseCache.open(file), file.toString(), warnings::add);
        for (int i = 0; i < 2000; i++) {
            cache.getAll(List.of("key-" + i));
            cache.putAll(Map.of("new-" + i, REPLY));
        }
        cache.close();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst()).startsWith("the response cache " + file + " cannot be ")
                .doesNotContainPattern("\\p{Cntrl}");
    }

    /** Overwrites every page but the first (the header and schema) with garbage. */
    static void corruptPagesAfterTheFirst(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int pageSize = ((bytes[16] & 0xFF) << 8) | (bytes[17] & 0xFF);
        for (int i = pageSize; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, bytes);
    }
}
