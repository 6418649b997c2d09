package io.llmopt.core.cache;

import io.llmopt.core.llm.FinishReason;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookup and write speed at a million entries, in the shapes the model stack uses them: one key
 * per scorer call (n = 1) and 8 per optimizer call, and one small write per reply from 64
 * concurrent callers (group-committed). {@code ./scripts/bench llmopt-core SqliteResponseCacheBenchmark}.
 */
@Tag("benchmark")
class SqliteResponseCacheBenchmark {

    @Test
    void lookupsAndWritesStayFastAtAMillionEntries(@TempDir Path dir) throws Exception {
        int entries = 1_000_000;
        Path file = dir.resolve("big.sqlite");
        try (SqliteResponseCache cache = SqliteResponseCache.open(file)) {
            long t0 = System.nanoTime();
            for (int start = 0; start < entries; start += 10_000) {
                Map<String, CachedCompletion> batch = new LinkedHashMap<>();
                for (int i = start; i < start + 10_000; i++) {
                    batch.put(key(i), new CachedCompletion("answer " + i, FinishReason.STOP, 50, 10));
                }
                cache.putAll(batch);
            }
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "Response cache benchmark; load average %.2f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "  filled %,d entries in %.1f s (batches of 10,000); file %.0f MB%n",
                    entries, (t1 - t0) / 1e9, (Files.size(file) + walSize(file)) / 1e6);

            Random random = new Random(1);
            int lookups = 20_000;
            long[] single = new long[lookups];
            int hits = 0;
            for (int i = 0; i < lookups; i++) {
                String k = key(random.nextInt(entries * 2)); // half hits, half misses
                long s = System.nanoTime();
                hits += cache.getAll(List.of(k)).size();
                single[i] = System.nanoTime() - s;
            }
            Arrays.sort(single);
            System.out.printf(Locale.ROOT, "  1-key lookups (a scorer call): %,d, %d hits; p50 %.1f us, p99 %.1f us,"
                    + " mean %.1f us%n", lookups, hits, single[lookups / 2] / 1e3, single[lookups * 99 / 100] / 1e3,
                    Arrays.stream(single).average().orElse(0) / 1e3);

            long t2 = System.nanoTime();
            int found = 0;
            for (int i = 0; i < lookups; i += 8) {
                List<String> keys = new ArrayList<>();
                for (int j = 0; j < 8; j++) {
                    keys.add(key(random.nextInt(entries * 2)));
                }
                found += cache.getAll(keys).size();
            }
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "  8-key lookups (an optimizer call with n = 8): %.1f us per key (%d hits)%n",
                    (t3 - t2) / 1e3 / lookups, found);

            int writes = 20_000;
            long t4 = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> pending = new ArrayList<>();
                for (int w = 0; w < 64; w++) {
                    int writer = w;
                    pending.add(pool.submit(() -> {
                        for (int i = writer; i < writes; i += 64) {
                            cache.putAll(Map.of(key(entries + i), new CachedCompletion("fresh " + i, FinishReason.STOP, 50, 10)));
                        }
                    }));
                }
                for (Future<?> f : pending) {
                    f.get();
                }
            }
            long t5 = System.nanoTime();
            System.out.printf(Locale.ROOT, "  %,d one-reply writes from 64 concurrent callers (each returns once"
                    + " committed): %.1f s, %,.0f writes/s%n", writes, (t5 - t4) / 1e9, writes / ((t5 - t4) / 1e9));
        }
    }

    private static long walSize(Path file) throws java.io.IOException {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }

    private static String key(int i) {
        return io.llmopt.core.llm.RequestFingerprint.of("bench", io.llmopt.core.llm.ChatRequest.ofUser("q" + i), 0);
    }
}
