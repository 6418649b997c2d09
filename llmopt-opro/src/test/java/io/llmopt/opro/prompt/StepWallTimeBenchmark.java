package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.Workspace;
import io.llmopt.core.store.RunStatus;
import io.llmopt.opro.data.Dataset;
import io.llmopt.opro.data.DatasetSource;
import io.llmopt.opro.data.SplitSpec;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wall time of one OPRO step at the paper's size (8 candidates x 261 GSM8K training examples)
 * through the stack a user runs: a {@link Workspace} and {@link ActiveRun} with the run store, the
 * response cache on (fresh, so every call misses and is written), accounting, retry and limits
 * (max_concurrency 64), against a server with 100 ms latency and room for 64 requests.
 *
 * <p>The lower bound is the latency of the call rounds the step cannot avoid: one optimizer round
 * plus ceil(8 * 261 / 64) scorer rounds. Each repetition is a fresh run of three steps (each step
 * proposes new instructions, so the cache never answers); the figure is the median over all
 * measured steps. Run with {@code ./scripts/bench llmopt-opro StepWallTimeBenchmark}.
 */
@Tag("benchmark")
@ExtendWith(SimulatedLlmExtension.class)
class StepWallTimeBenchmark {

    private static final int CONCURRENCY = 64;
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final int CANDIDATES = 8;
    private static final int STEPS = 3;
    private static final int REPETITIONS = 3;

    @TempDir
    Path dir;

    @Test
    void oneStepAtPaperSize(SimulatedLlmServer sim) {
        Dataset gsm8k = DatasetSource.defaults().withUserFolder(ScriptedOpro.oproData()).gsm8k("train");
        ScriptedOpro.Data data = ScriptedOpro.split(gsm8k, SplitSpec.gsm8kReference());
        assertThat(data.train()).hasSize(261);
        sim.capacity(CONCURRENCY).latency(LATENCY);
        sim.replyWhen(ScriptedOpro.META_PROMPT_MARK, (request, sample) -> "<INS>Candidate " + words(request.seed()) + ".</INS>");
        sim.reply("So the answer is 1.");

        List<Double> stepSeconds = new ArrayList<>();
        List<Double> initialSeconds = new ArrayList<>();
        for (int rep = 0; rep < REPETITIONS; rep++) {
            Map<Integer, Long> finishedAt = new ConcurrentHashMap<>();
            RunListener listener = new RunListener() {
                @Override
                public void onEvent(RunEvent event) {
                    if (event.type().equals("step.finished")) {
                        finishedAt.put((Integer) event.data().get("step"), System.nanoTime());
                    }
                }
            };
            Path repDir = dir.resolve("rep" + rep);
            long start;
            try (Workspace ws = Workspace.open(config(sim, repDir), Map.of());
                 ActiveRun run = ws.startRun("opro-prompt", "step benchmark", null)) {
                PromptOptimizer optimizer = PromptOptimizer.builder()
                        .optimizer(run.model(ModelRoles.OPTIMIZER))
                        .scorer(run.model(ModelRoles.SCORER), TaskGrading.forDataset("gsm8k"))
                        .config(PromptOptimizationConfig.reference().toBuilder().steps(STEPS)
                                .candidatesPerStep(CANDIDATES).evaluateEvery(0).finalTopK(0).build())
                        .examples(data.train(), List.of(), List.of())
                        .context(run.context().withListener(listener)).manageRunStatus(false)
                        .build();
                start = System.nanoTime();
                PromptOptimizationResult result = optimizer.run();
                run.finish(RunStatus.COMPLETED, PromptOptimizer.summary(result));
                for (int s = 1; s <= STEPS; s++) {
                    assertThat(result.steps().get(s).kept()).hasSize(CANDIDATES);
                }
            }
            initialSeconds.add((finishedAt.get(0) - start) / 1e9);
            for (int s = 1; s <= STEPS; s++) {
                stepSeconds.add((finishedAt.get(s) - finishedAt.get(s - 1)) / 1e9);
            }
        }
        int scorerRounds = (CANDIDATES * 261 + CONCURRENCY - 1) / CONCURRENCY;
        int rounds = 1 + scorerRounds;
        double bound = rounds * LATENCY.toMillis() / 1000.0;
        double median = median(stepSeconds);
        double bare = bareCalls(sim, CANDIDATES * 261);
        System.out.printf(Locale.ROOT, "OPRO step benchmark (Workspace/ActiveRun stack, store, cache %s):"
                + " %d candidates x %d examples, latency %d ms, capacity %d, max_concurrency %d; load average %.2f%n",
                System.getProperty("llmopt.bench.cache", "read-write"), CANDIDATES, 261, LATENCY.toMillis(),
                CONCURRENCY, CONCURRENCY,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "  initial instruction (1 x 261 calls, %d rounds): median %.2f s%n",
                (261 + CONCURRENCY - 1) / CONCURRENCY, median(initialSeconds));
        System.out.printf(Locale.ROOT, "  one step, %d measured: median %.2f s, min %.2f s, max %.2f s%n",
                stepSeconds.size(), median, stepSeconds.stream().mapToDouble(d -> d).min().orElseThrow(),
                stepSeconds.stream().mapToDouble(d -> d).max().orElseThrow());
        System.out.printf(Locale.ROOT, "  lower bound: 1 optimizer + %d scorer rounds = %d x %d ms = %.2f s;"
                + " measured / bound = %.3f (target <= 1.15)%n", scorerRounds, rounds, LATENCY.toMillis(), bound,
                median / bound);
        System.out.printf(Locale.ROOT, "  %d bare calls through the same stack (no loop): %.2f s%n",
                CANDIDATES * 261, bare);
        assertThat(median).isGreaterThanOrEqualTo(bound * 0.95);
    }

    private LoadedConfig config(SimulatedLlmServer sim, Path repDir) {
        return new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(List.of(
                "models.sim.spec=" + SimModels.spec(sim),
                "models.sim.max_concurrency=" + CONCURRENCY,
                "roles.optimizer=sim",
                "roles.scorer=sim",
                "store.path=" + repDir.resolve("store.db"),
                "runs_dir=" + repDir.resolve("runs"),
                "cache.path=" + repDir.resolve("responses.db"),
                // -Dllmopt.bench.cache=off measures the same step without the response cache
                "cache.mode=" + System.getProperty("llmopt.bench.cache", "read-write")), "--set")).load();
    }

    /** The same number of scorer-sized calls through a fresh stack of the same kind, without the loop. */
    private double bareCalls(SimulatedLlmServer sim, int count) {
        Path bareDir = dir.resolve("bare");
        try (Workspace ws = Workspace.open(config(sim, bareDir), Map.of());
             ActiveRun run = ws.startRun("bare", "bare calls", null)) {
            LanguageModel scorer = run.model(ModelRoles.SCORER);
            List<CompletableFuture<?>> warm = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                warm.add(scorer.chat(ChatRequest.ofUser("warm " + i)));
            }
            warm.forEach(CompletableFuture::join);
            long start = System.nanoTime();
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(scorer.chat(ChatRequest.builder().user("question " + i).maxTokens(1024).build()));
            }
            calls.forEach(CompletableFuture::join);
            double seconds = (System.nanoTime() - start) / 1e9;
            run.finish(RunStatus.COMPLETED, null);
            return seconds;
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
