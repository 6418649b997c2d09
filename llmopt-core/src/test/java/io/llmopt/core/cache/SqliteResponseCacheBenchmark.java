package io.llmopt.core.cache;

import io.llmopt.core.llm.FinishReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookup speed at a million entries: {@code mvn -Pbench -pl llmopt-core test -Dtest=SqliteResponseCacheBenchmark}. */
@Tag("benchmark")
class SqliteResponseCacheBenchmark {

    @Test
    void lookupsStayFastAtAMillionEntries(@TempDir Path dir) {
        int entries = 1_000_000;
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir.resolve("big.sqlite"))) {
            long t0 = System.nanoTime();
            for (int start = 0; start < entries; start += 10_000) {
                Map<String, CachedCompletion> batch = new LinkedHashMap<>();
                for (int i = start; i < start + 10_000; i++) {
                    batch.put(key(i), new CachedCompletion("answer " + i, FinishReason.STOP, 50, 10));
                }
                cache.putAll(batch);
            }
            long t1 = System.nanoTime();
            Random random = new Random(1);
            int lookups = 20_000;
            int found = 0;
            for (int i = 0; i < lookups; i += 8) {
                List<String> keys = new ArrayList<>();
                for (int j = 0; j < 8; j++) {
                    keys.add(key(random.nextInt(entries * 2)));
                }
                found += cache.getAll(keys).size();
            }
            long t2 = System.nanoTime();
            System.out.printf("inserted %,d entries in %.1f s; %,d lookups in %.0f ms (%.1f us each, %d hits)%n",
                    entries, (t1 - t0) / 1e9, lookups, (t2 - t1) / 1e6, (t2 - t1) / 1e3 / lookups, found);
        }
    }

    private static String key(int i) {
        return io.llmopt.core.llm.RequestFingerprint.of("bench", io.llmopt.core.llm.ChatRequest.ofUser("q" + i), 0);
    }
}
