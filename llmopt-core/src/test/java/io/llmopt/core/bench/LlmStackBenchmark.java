package io.llmopt.core.bench;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.Workspace;
import io.llmopt.core.store.RunStatus;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures for the LLM layer (issue #2), printed, never asserted: run with
 * {@code ./scripts/bench llmopt-core LlmStackBenchmark}.
 *
 * <ol>
 *   <li>20,000 calls through the stack a run uses (accounting with the run's call log, SQLite
 *       response cache, outage, retry, limits, HTTP; no budget is configured) to the simulated
 *       server at zero latency: calls/s and
 *       per-call time, next to the bare HTTP client on the same server, so the difference is what
 *       llmopt's layers add.</li>
 *   <li>100 ms latency, server capacity 64, client limit 64: the concurrency achieved.</li>
 * </ol>
 */
@Tag("benchmark")
class LlmStackBenchmark {

    private static final int CALLS = 20_000;
    private static final int WARMUP = 3_000;

    @Test
    void overheadPerCall() throws Exception {
        Path dir = Files.createTempDirectory("llmopt-bench");
        try (SimulatedLlmServer sim = SimulatedLlmServer.start()) {
            sim.reply("The answer is 42.");
            try (Workspace ws = Workspace.open(config(sim, dir, 64, "read-write"), Map.of());
                    ActiveRun run = ws.startRun("bench", "overhead", null);
                    LanguageModel bare = OpenAiCompatibleModel.builder(sim.baseUrl(), "sim-model").build()) {
                LanguageModel stack = run.model(ModelRoles.SCORER);
                sequential(bare, "warm-bare", WARMUP);
                sequential(stack, "warm-stack", WARMUP);
                long[] bareNanos = sequential(bare, "bare", CALLS);
                long[] stackNanos = sequential(stack, "stack", CALLS);
                double bareMedian = micros(median(bareNanos));
                double stackMedian = micros(median(stackNanos));
                System.out.printf(Locale.ROOT, "%n== LLM layer overhead: %,d sequential calls, simulated server at zero latency ==%n", CALLS);
                System.out.printf(Locale.ROOT, "%-34s %10s %10s %10s %10s%n", "", "calls/s", "p50 us", "p90 us", "p99 us");
                row("bare HTTP client", bareNanos);
                row("full stack (cache miss, logged)", stackNanos);
                System.out.printf(Locale.ROOT, "llmopt layers add %.1f us per call at the median (target < 200 us)%n",
                        stackMedian - bareMedian);

                long[] hits = sequential(stack, "stack", CALLS);
                row("full stack (cache hit)", hits);
                try (Workspace noCache = Workspace.open(config(sim, dir.resolve("nocache"), 64, "off"), Map.of());
                        ActiveRun plain = noCache.startRun("bench", "no cache", null)) {
                    LanguageModel uncached = plain.model(ModelRoles.SCORER);
                    sequential(uncached, "warm-off", WARMUP);
                    row("full stack, cache off", sequential(uncached, "off", CALLS));
                    plain.finish(RunStatus.COMPLETED, null);
                }

                long t0 = System.nanoTime();
                concurrent(stack, "conc", CALLS, 32);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "full stack, 32 calls in flight: %,.0f calls/s%n", CALLS / secs);
                run.finish(RunStatus.COMPLETED, null);
            }
        }
    }

    @Test
    void achievedConcurrency() throws Exception {
        Path dir = Files.createTempDirectory("llmopt-bench");
        int limit = 64;
        int calls = 3_200;
        try (SimulatedLlmServer sim = SimulatedLlmServer.start()) {
            sim.reply("ok").latency(Duration.ofMillis(100)).capacity(64);
            try (Workspace ws = Workspace.open(config(sim, dir, limit, "off"), Map.of());
                    ActiveRun run = ws.startRun("bench", "concurrency", null)) {
                LanguageModel stack = run.model(ModelRoles.SCORER);
                burst(stack, "warm", limit * 10);
                // sample the server's in-flight count every millisecond while the burst runs
                List<Integer> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
                java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
                Thread sampler = Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        samples.add(sim.stats().inFlight());
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                });
                long t0 = System.nanoTime();
                burst(stack, "c", calls);
                double secs = (System.nanoTime() - t0) / 1e9;
                running.set(false);
                sampler.join();
                // the steady state: leave out the first and last 10% (ramp-up, tail of the queue)
                List<Integer> steady = samples.subList(samples.size() / 10, samples.size() * 9 / 10);
                double mean = steady.stream().mapToInt(Integer::intValue).average().orElse(0);
                double achieved = calls * 0.100 / secs;
                System.out.printf(Locale.ROOT, "%n== Concurrency: %,d calls, 100 ms latency, server capacity 64, limit %d ==%n", calls, limit);
                System.out.printf(Locale.ROOT, "in flight at the server, steady state (mean of %,d samples): %.1f = %.1f%% of the limit%n",
                        steady.size(), mean, 100 * mean / limit);
                System.out.printf(Locale.ROOT, "whole burst incl. ramp-up and tail: wall %.2f s (ideal %.2f s), calls x latency / wall = %.1f;"
                        + " peak in flight %d%n", secs, Math.ceil(calls / (double) limit) * 0.100, achieved, sim.stats().maxConcurrency());
                run.finish(RunStatus.COMPLETED, null);
            }
        }
    }

    private static void burst(LanguageModel model, String prefix, int n) {
        List<CompletableFuture<?>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(model.chat(ChatRequest.ofUser(prefix + " " + i)));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private static LoadedConfig config(SimulatedLlmServer sim, Path dir, int concurrency, String cacheMode) {
        return new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(List.of(
                "models.sim.spec=openai-compatible:" + sim.baseUrl() + "#sim-model",
                "models.sim.max_concurrency=" + concurrency,
                "roles.scorer=sim",
                "runs_dir=" + dir.resolve("runs"),
                "cache.mode=" + cacheMode,
                "cache.path=" + dir.resolve("responses.db")), "--set")).load();
    }

    private static long[] sequential(LanguageModel model, String prefix, int n) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            ChatRequest r = ChatRequest.ofUser(prefix + " question " + i);
            long t = System.nanoTime();
            model.call(r);
            nanos[i] = System.nanoTime() - t;
        }
        return nanos;
    }

    private static void concurrent(LanguageModel model, String prefix, int n, int inFlight) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<?>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            slots.acquire();
            all.add(model.chat(ChatRequest.ofUser(prefix + " " + i)).whenComplete((r, e) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private static void row(String name, long[] nanos) {
        long total = Arrays.stream(nanos).sum();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-34s %,10.0f %10.1f %10.1f %10.1f%n", name, nanos.length / (total / 1e9),
                micros(sorted[sorted.length / 2]), micros(sorted[(int) (sorted.length * 0.9)]), micros(sorted[(int) (sorted.length * 0.99)]));
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
