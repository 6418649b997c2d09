package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.accounting.Usage;
import io.llmopt.core.batch.BatchChannel;
import io.llmopt.core.batch.BatchPhases;
import io.llmopt.core.batch.BatchSettings;
import io.llmopt.core.batch.BatchSubmitter;
import io.llmopt.core.batch.BatchingLanguageModel;
import io.llmopt.core.batch.MemoryBatchJournal;
import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.http.BatchWire;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.http.OpenAiJobsClient;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.Workspace;
import io.llmopt.core.store.RunStatus;
import io.llmopt.opro.data.DatasetSource;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.data.SplitSpec;
import io.llmopt.opro.racing.EvaluationStrategy;
import io.llmopt.sim.SimulatedLlmServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What batch mode saves on the paper's GSM8K run: 8 candidates x 261 training questions per step,
 * 200 steps, the final test on 1,319 questions for the best 3 instructions and the baseline, priced
 * in four modes (synchronous, {@code --batch test}, {@code --batch all}, {@code --batch all} with
 * racing) against the simulated provider with a fixed batch processing time, through the full
 * Workspace stack (store on, response cache off). Then llmopt's own time per batched request:
 * 20,000 requests through the batching layer and a provider job that takes no time, so everything
 * measured is building, uploading, polling, downloading and parsing (and the simulator answering,
 * which makes the figure an upper bound).
 *
 * <p>{@code ./scripts/bench llmopt-opro BatchModeBenchmark}; {@code -Dllmopt.bench.steps=N} for a
 * shorter run (the table then also extrapolates to 200 steps, labelled so),
 * {@code -Dllmopt.bench.batch-ms=M} for the provider's processing time per job (default 50 ms),
 * {@code -Dllmopt.bench.quiet-ms=Q} for the batching layer's quiet interval (default 10 ms).
 */
@Tag("benchmark")
class BatchModeBenchmark {

    private static final int PAPER_STEPS = 200;
    private static final int STEPS = Integer.getInteger("llmopt.bench.steps", PAPER_STEPS);
    private static final Duration BATCH_TIME = Duration.ofMillis(Long.getLong("llmopt.bench.batch-ms", 50));
    /** The batching layer's quiet interval: on a loaded machine a phase whose calls come slower than this splits into more jobs (same cost). */
    private static final long QUIET_MS = Long.getLong("llmopt.bench.quiet-ms", 10);
    private static final int CONCURRENCY = 64;
    /** gpt-4o-mini's prices per million tokens, so the dollars read like a real run's. */
    private static final double PROMPT_PRICE = 0.15;
    private static final double COMPLETION_PRICE = 0.60;

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    @TempDir
    Path dir;

    private record Mode(String name, boolean batch, BatchPhases phases, EvaluationStrategy evaluation) {
    }

    /** @param searchCost what the run had spent when the final test began */
    private record Outcome(Mode mode, Usage usage, double searchCost, long liveRequests, long batchedRequests, int jobs,
                           double seconds, double best) {
    }

    @Test
    void gsm8kInFourModes() throws Exception {
        DatasetSource source = DatasetSource.defaults().withUserFolder(ScriptedOpro.oproData());
        List<Example> train = ScriptedOpro.split(source.gsm8k("train"), SplitSpec.gsm8kReference()).train();
        List<Example> test = source.gsm8k("test").examples();
        List<Example> all = new ArrayList<>(train);
        all.addAll(test);
        PaperScaleBenchmark.script(sim, all);
        sim.recordRequests(false);
        sim.batchProcessingTime(BATCH_TIME);

        List<Mode> modes = List.of(
                new Mode("synchronous", false, BatchPhases.all(), EvaluationStrategy.FULL),
                new Mode("--batch test", true, BatchPhases.only(java.util.Set.of(PromptOptimizer.TEST_PHASE)),
                        EvaluationStrategy.FULL),
                new Mode("--batch all", true, BatchPhases.all(), EvaluationStrategy.FULL),
                new Mode("--batch all, racing", true, BatchPhases.all(), EvaluationStrategy.RACING));
        List<Outcome> outcomes = new ArrayList<>();
        for (Mode mode : modes) {
            outcomes.add(run(mode, train, test));
            System.out.printf(Locale.ROOT, "  done: %s in %.1f s%n", mode.name(), outcomes.getLast().seconds());
            System.out.flush();
        }
        print(outcomes, train.size(), test.size());

        double overhead = overheadPerBatchedRequestMillis();
        System.out.printf(Locale.ROOT, "llmopt's own time per batched request (build the line, upload, poll, download,"
                + " parse, complete the caller's future; the simulator's answering included): %.3f ms over 20,000"
                + " requests%n", overhead);
        double ratio = outcomes.get(3).usage().cost() / outcomes.get(0).usage().cost();
        System.out.printf(Locale.ROOT, "goal: --batch all with racing costs at most 1/6 of the synchronous full-evaluation"
                + " run: %.3f (1/%.1f)%s%n", ratio, 1 / ratio, STEPS < PAPER_STEPS ? " over " + STEPS + " steps" : "");
        assertThat(overhead).isLessThan(1.0);
        // every mode makes the same choice: batching changes the price and the wait, not the answers
        assertThat(outcomes.subList(0, 3)).extracting(Outcome::best).containsOnly(outcomes.get(0).best());
    }

    private Outcome run(Mode mode, List<Example> train, List<Example> test) {
        Path d = dir.resolve(mode.name().replaceAll("[^a-z]+", "-"));
        List<String> flags = new ArrayList<>(List.of(
                "models.sim.spec=openai-compatible:" + sim.baseUrl() + "#bench-model",
                "models.sim.max_concurrency=" + CONCURRENCY,
                "models.sim.price.prompt_per_million=" + PROMPT_PRICE,
                "models.sim.price.completion_per_million=" + COMPLETION_PRICE,
                "roles.optimizer=sim", "roles.scorer=sim",
                "store.path=" + d.resolve("store.db"), "runs_dir=" + d.resolve("runs"), "cache.mode=off"));
        if (mode.batch()) {
            flags.addAll(List.of("models.sim.batch.enabled=true", "models.sim.batch.poll_seconds=0.01",
                    "models.sim.batch.quiet_ms=" + QUIET_MS));
        }
        var config = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(flags, "--set")).load();
        long batchedBefore = sim.batchRequestsExecuted();
        int jobsBefore = sim.batchCount();
        long start = System.nanoTime();
        try (Workspace ws = Workspace.builder(config).environment(Map.of()).batchPhases(mode.phases()).build();
             ActiveRun run = ws.startRun("opro-prompt", mode.name(), null)) {
            double[] searchCost = {Double.NaN};
            mode.phases().onEnter(phase -> {
                if (phase.equals(PromptOptimizer.TEST_PHASE)) {
                    searchCost[0] = run.usage().total().cost();
                }
            });
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(run.model(ModelRoles.OPTIMIZER))
                    .scorer(run.model(ModelRoles.SCORER), TaskGrading.forDataset("gsm8k"))
                    .config(PromptOptimizationConfig.reference().toBuilder().steps(STEPS).evaluateEvery(0)
                            .finalTopK(3).forbidDigits(true).evaluation(mode.evaluation()).build())
                    .examples(train, List.of(), test)
                    .context(run.context())
                    .batchPhases(mode.phases())
                    .manageRunStatus(false)
                    .build().run();
            run.finish(RunStatus.COMPLETED, PromptOptimizer.summary(result));
            double seconds = (System.nanoTime() - start) / 1e9;
            long batched = sim.batchRequestsExecuted() - batchedBefore;
            // no cache: every call is answered live or by a job
            return new Outcome(mode, run.usage().total(), searchCost[0], run.usage().total().calls() - batched, batched, sim.batchCount() - jobsBefore,
                    seconds, result.best().map(PromptCandidate::trainScore).orElse(Double.NaN));
        }
    }

    private static void print(List<Outcome> outcomes, int trainSize, int testSize) {
        System.out.printf(Locale.ROOT, "GSM8K OPRO run: %d steps x 8 candidates x %d training questions, final test of the"
                        + " best 3 + baseline on %,d questions; simulated provider, batch jobs take %d ms, max_concurrency"
                        + " %d, store on, cache off; prices $%.2f/$%.2f per million prompt/completion tokens; load average"
                        + " %.2f%n", STEPS, trainSize, testSize, BATCH_TIME.toMillis(), CONCURRENCY, PROMPT_PRICE,
                COMPLETION_PRICE, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| mode                 |     calls |       live |   batched |  jobs |        tokens |      cost |"
                + " vs sync |    wall |");
        System.out.println("|----------------------|-----------|------------|-----------|-------|---------------|-----------|"
                + "---------|---------|");
        double sync = outcomes.get(0).usage().cost();
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "| %-20s | %,9d | %,10d | %,9d | %,5d | %,13d | $%8.4f | %6.3f  | %6.1fs |%n",
                    o.mode().name(), o.usage().calls(), o.liveRequests(), o.batchedRequests(), o.jobs(),
                    o.usage().totalTokens(), o.usage().cost(), o.usage().cost() / sync, o.seconds());
        }
        if (STEPS < PAPER_STEPS) {
            System.out.printf(Locale.ROOT, "extrapolated to %d steps (each step's calls and jobs x %.1f; the final test"
                    + " as measured; racing saves more as the history grows, so its row is pessimistic):%n",
                    PAPER_STEPS, PAPER_STEPS / (double) STEPS);
            for (Outcome o : outcomes) {
                System.out.printf(Locale.ROOT, "|  %-20s | cost $%8.4f | vs sync %.3f |%n", o.mode().name(),
                        extrapolated(o), extrapolated(o) / extrapolated(outcomes.get(0)));
            }
        }
    }

    /** The cost at 200 steps: the search (steps 0 to N) scaled by the steps, the final test as measured. */
    private static double extrapolated(Outcome o) {
        return o.usage().cost() - o.searchCost() + o.searchCost() * PAPER_STEPS / STEPS;
    }

    /** Milliseconds of llmopt's own work per request sent through a batch job that takes no time. */
    private double overheadPerBatchedRequestMillis() throws Exception {
        int n = 20_000;
        sim.batchProcessingTime(Duration.ZERO);
        sim.reply((r, i) -> "The answer is 42.");
        BatchSettings settings = BatchSettings.defaults().withQuiet(Duration.ofMillis(5)).withPollInterval(Duration.ofMillis(5));
        BatchChannel channel = BatchChannel.provider(new BatchSubmitter(new OpenAiJobsClient(sim.baseUrl(), null,
                Duration.ofMinutes(2)), new MemoryBatchJournal(), settings.limits(), settings.pollInterval(), null));
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            try (BatchingLanguageModel model = new BatchingLanguageModel(OpenAiCompatibleModel.builder(sim.baseUrl(), "m")
                    .build(), channel, new BatchWire("m"), settings, "overhead-" + round, () -> false)) {
                long start = System.nanoTime();
                List<CompletableFuture<ChatResponse>> futures = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    futures.add(model.chat(ChatRequest.ofUser("Q: question " + round + "-" + i + " of the overhead run."
                            + " A: Let's think step by step.")));
                }
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
                double millis = (System.nanoTime() - start) / 1e6 - settings.quiet().toMillis();
                best = Math.min(best, millis / n);
            }
        }
        return best;
    }
}
