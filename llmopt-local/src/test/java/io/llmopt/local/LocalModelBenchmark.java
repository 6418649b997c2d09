package io.llmopt.local;

import io.llmopt.core.llm.ChatRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompt and generation speed on a random-weight model with Qwen2.5-0.5B's shape (896 wide,
 * 24 layers, 14 heads / 2 KV heads, 4864 FFN, Q8_0 matrices) but a 32k vocabulary instead of
 * 152k, at 1 and k slots. Run with {@code mvn -Pbench -pl llmopt-local -am test}.
 */
@Tag("benchmark")
class LocalModelBenchmark {

    private static final int SLOTS = 2;
    private static final String LONG_TEXT = " the quick brown fox jumps over the lazy dog".repeat(16);
    private static final int GENERATED = 32;

    @Test
    void prints_prompt_and_generation_tokens_per_second() throws Exception {
        Path dir = Files.createTempDirectory("llmopt-bench-");
        long t0 = System.nanoTime();
        Path file = TinyGgufWriter.write(dir.resolve("qwen05b-shape.gguf"), TinyGgufWriter.Shape.qwen05bLike(), 7);
        System.out.printf("wrote %s (%d MB) in %.1f s%n", file.getFileName(), Files.size(file) >> 20, secondsSince(t0));
        int threads = NativeRuntime.physicalCores();
        LlamaEngine engine = LlamaEngine.load(file, "bench", new EngineSettings(threads, 2048, SLOTS, 512));
        try {
            run(engine, 1, 1); // warm-up: first-touch of the mapped weights
            for (int concurrent : new int[] {1, SLOTS}) {
                Figures f = run(engine, concurrent, 1);
                System.out.printf("threads %d, %d concurrent request(s): prompt %.1f tok/s, generation %.1f tok/s (aggregate)%n",
                        threads, concurrent, f.promptPerSecond, f.generationPerSecond);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private record Figures(double promptPerSecond, double generationPerSecond) {
    }

    /**
     * Prompt speed from max_tokens=1 calls on a long prompt; generation speed from calls whose
     * prompt is a few tokens, so that decoding dominates their time.
     */
    private static Figures run(LlamaEngine engine, int concurrent, int rounds) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        try {
            long promptTokens = 0;
            double promptSeconds = 0;
            long generatedTokens = 0;
            double generationSeconds = 0;
            for (int r = 0; r < rounds; r++) {
                // a fresh prompt each time, so that no slot reuses a cached prefix
                long start = System.nanoTime();
                List<Generation> prefill = all(engine, pool, concurrent, "prefill " + r + " " + start + LONG_TEXT, 1);
                promptSeconds += secondsSince(start);
                promptTokens += prefill.stream().mapToLong(Generation::promptTokens).sum();

                start = System.nanoTime();
                List<Generation> generated = all(engine, pool, concurrent, "decode " + r, GENERATED);
                generationSeconds += secondsSince(start);
                generatedTokens += generated.stream().mapToLong(Generation::completionTokens).sum();
                assertThat(generated).allSatisfy(g -> assertThat(g.completionTokens()).isPositive());
            }
            return new Figures(promptTokens / promptSeconds, generatedTokens / generationSeconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Generation> all(LlamaEngine engine, ExecutorService pool, int count, String salt, int maxTokens) {
        List<CompletableFuture<Generation>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChatRequest request = request(salt + " " + i, maxTokens);
            Sampling sampling = new Sampling(1.0, null, maxTokens, List.of(), 1L, 1, null, null, null, null, null, null,
                    List.of(), java.util.Map.of());
            calls.add(CompletableFuture.supplyAsync(() -> engine.chat(request.messages(), sampling).get(0), pool));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private static ChatRequest request(String salt, int maxTokens) {
        return ChatRequest.builder().user(salt).temperature(1.0).seed(1L).maxTokens(maxTokens).build();
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
