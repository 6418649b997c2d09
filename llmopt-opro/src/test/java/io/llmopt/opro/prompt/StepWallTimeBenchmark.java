package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.limits.LimitPolicy;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.opro.data.Dataset;
import io.llmopt.opro.data.DatasetSource;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.testkit.SimulatedLlmServer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wall time of one OPRO step at the paper's size (8 candidates x 261 GSM8K training examples)
 * against a server with 100 ms latency and room for 64 requests, the client limited to 64 in
 * flight: set next to the sequential call rounds the step needs at that concurrency,
 * 1 optimizer round + ceil(8 * 261 / 64) scorer rounds, whose latency is the lower bound.
 * Run with {@code mvn -Pbench -pl llmopt-opro -am test -Dtest=StepWallTimeBenchmark}.
 */
@Tag("benchmark")
@ExtendWith(SimulatedLlmExtension.class)
class StepWallTimeBenchmark {

    private static final int CONCURRENCY = 64;
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final int CANDIDATES = 8;

    @Test
    void oneStepAtPaperSize(SimulatedLlmServer sim) {
        Dataset gsm8k = DatasetSource.defaults().withUserFolder(ScriptedOpro.oproData()).gsm8k("train");
        ScriptedOpro.Data data = ScriptedOpro.split(gsm8k, io.llmopt.opro.data.SplitSpec.gsm8kReference());
        assertThat(data.train()).hasSize(261);
        sim.capacity(CONCURRENCY).latency(LATENCY);
        sim.replyWhen(ScriptedOpro.META_PROMPT_MARK, (request, sample) -> "<INS>Candidate " + words(request.seed()) + ".</INS>");
        sim.reply("So the answer is 1.");

        Map<Integer, Long> finishedAt = new ConcurrentHashMap<>();
        RunListener listener = new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                if (event.type().equals("step.finished")) {
                    finishedAt.put((Integer) event.data().get("step"), System.nanoTime());
                }
            }
        };
        long start = System.nanoTime();
        try (LanguageModel http = ScriptedOpro.model(sim);
             LanguageModel limited = new LimitingLanguageModel(http, LimitPolicy.concurrency(CONCURRENCY))) {
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(limited).scorer(limited, TaskGrading.forDataset("gsm8k"))
                    .config(PromptOptimizationConfig.reference().toBuilder().steps(1).candidatesPerStep(CANDIDATES)
                            .evaluateEvery(0).finalTopK(0).build())
                    .examples(data.train(), List.of(), List.of()).listener(listener)
                    .build().run();
            assertThat(result.steps().get(1).kept()).hasSize(CANDIDATES);
        }
        double initialSeconds = (finishedAt.get(0) - start) / 1e9;
        double stepSeconds = (finishedAt.get(1) - finishedAt.get(0)) / 1e9;
        int scorerRounds = (CANDIDATES * 261 + CONCURRENCY - 1) / CONCURRENCY;
        int rounds = 1 + scorerRounds;
        double bound = rounds * LATENCY.toMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "OPRO step benchmark: %d candidates x %d examples, latency %d ms, concurrency %d%n",
                CANDIDATES, 261, LATENCY.toMillis(), CONCURRENCY);
        System.out.printf(Locale.ROOT, "  initial instruction (1 x 261 calls, %d rounds): %.2f s%n",
                (261 + CONCURRENCY - 1) / CONCURRENCY, initialSeconds);
        System.out.printf(Locale.ROOT, "  one step: %.2f s; rounds: 1 optimizer + %d scorer = %d; lower bound %.2f s;"
                + " overhead %.0f%%; server max concurrency %d%n", stepSeconds, scorerRounds, rounds, bound,
                100 * (stepSeconds / bound - 1), sim.stats().maxConcurrency());
        assertThat(stepSeconds).isGreaterThanOrEqualTo(bound * 0.95);

        // The same number of bare scorer calls through the same stack, without the loop: the floor
        // the HTTP client, the limiter and the server reach on this machine.
        double bareSeconds = bareCalls(sim, CANDIDATES * 261);
        System.out.printf(Locale.ROOT, "  %d bare calls through the same stack: %.2f s (loop overhead over them %.0f%%)%n",
                CANDIDATES * 261, bareSeconds, 100 * (stepSeconds / (bareSeconds + LATENCY.toMillis() / 1000.0) - 1));
    }

    private static double bareCalls(SimulatedLlmServer sim, int count) {
        try (LanguageModel http = ScriptedOpro.model(sim);
             LanguageModel limited = new LimitingLanguageModel(http, LimitPolicy.concurrency(CONCURRENCY))) {
            List<java.util.concurrent.CompletableFuture<?>> warm = new java.util.ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                warm.add(limited.chat(io.llmopt.core.llm.ChatRequest.ofUser("warm " + i)));
            }
            warm.forEach(java.util.concurrent.CompletableFuture::join);
            long start = System.nanoTime();
            List<java.util.concurrent.CompletableFuture<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(limited.chat(io.llmopt.core.llm.ChatRequest.builder().user("question " + i).maxTokens(1024).build()));
            }
            calls.forEach(java.util.concurrent.CompletableFuture::join);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Seeds spelled as letters, so no candidate contains a digit. */
    private static String words(Long seed) {
        String digits = String.valueOf(seed);
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            sb.append((char) ('a' + (c - '0')));
        }
        return sb.toString();
    }
}
