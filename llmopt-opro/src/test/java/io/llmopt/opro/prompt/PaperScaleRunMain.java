package io.llmopt.opro.prompt;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.Workspace;
import io.llmopt.core.store.CandidateStatus;
import io.llmopt.core.store.RunStatus;
import io.llmopt.opro.data.DatasetSource;
import io.llmopt.opro.data.SplitSpec;
import io.llmopt.opro.racing.EvaluationStrategy;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper-scale OPRO run of {@link PaperScaleBenchmark} in its own JVM (so its heap can be capped
 * and measured, and it can be killed): {@code java PaperScaleRunMain <sim base url> <dir> <new|run id>
 * <steps> [full|racing]}. Prints the run id on its first line and, when it finishes, one {@code RESULT} line with
 * wall time, logical calls, peak heap and GC figures of this JVM.
 */
public final class PaperScaleRunMain {

    static final int CONCURRENCY = 32;

    private PaperScaleRunMain() {
    }

    public static void main(String[] args) {
        String baseUrl = args[0];
        Path dir = Path.of(args[1]);
        String resume = args[2];
        int steps = Integer.parseInt(args[3]);
        EvaluationStrategy evaluation = EvaluationStrategy.parse(args.length > 4 ? args[4] : "full");
        ScriptedOpro.Data data = ScriptedOpro.split(
                DatasetSource.defaults().withUserFolder(ScriptedOpro.oproData()).gsm8k("train"),
                SplitSpec.gsm8kReference());
        var config = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(List.of(
                "models.sim.spec=openai-compatible:" + baseUrl + "#sim-model",
                "models.sim.max_concurrency=" + CONCURRENCY,
                "roles.optimizer=sim",
                "roles.scorer=sim",
                "store.path=" + dir.resolve("store.db"),
                "runs_dir=" + dir.resolve("runs"),
                "cache.path=" + dir.resolve("responses.db")), "--set")).load();
        long start = System.nanoTime();
        try (Workspace ws = Workspace.open(config, Map.of());
             ActiveRun run = "new".equals(resume) ? ws.startRun("opro-prompt", "paper scale", null)
                     : ws.resumeRun(resume)) {
            System.out.println(run.id());
            System.out.flush();
            PromptOptimizationResult result = PromptOptimizer.builder()
                    .optimizer(run.model(ModelRoles.OPTIMIZER))
                    .scorer(run.model(ModelRoles.SCORER), TaskGrading.forDataset("gsm8k"))
                    .config(PromptOptimizationConfig.reference().toBuilder().steps(steps).evaluateEvery(0)
                            .finalTopK(0).forbidDigits(true).evaluation(evaluation).build())
                    .examples(data.train(), List.of(), List.of())
                    .context(run.context().withListener(new HeapTrace(25)))
                    .manageRunStatus(false)
                    .build().run();
            run.finish(RunStatus.COMPLETED, PromptOptimizer.summary(result));
            double seconds = (System.nanoTime() - start) / 1e9;
            var usage = run.progress("done", steps, steps, 0, 0, java.util.OptionalDouble.empty(), 0);
            System.out.printf(Locale.ROOT, "RESULT seconds=%.1f calls=%d cacheHits=%d retries=%d steps=%d candidates=%d"
                    + " racedOut=%d best=%.3f %s%n", seconds, usage.calls(), usage.cacheHits(), usage.retriedErrors(),
                    result.stepsDone(), result.candidates().size(),
                    result.candidates().stream().filter(c -> c.status() == CandidateStatus.RACED_OUT).count(),
                    result.best().map(PromptCandidate::trainScore).orElse(Double.NaN), memory());
        }
        System.exit(0);
    }

    /** Prints the heap in use after the latest GC every {@code every} steps: a trend, without forcing a GC. */
    private record HeapTrace(int every) implements io.llmopt.core.events.RunListener {
        @Override
        public void onEvent(io.llmopt.core.events.RunEvent event) {
            if (event.type().equals("step.finished") && (Integer) event.data().get("step") % every == 0) {
                long afterGc = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        afterGc += pool.getCollectionUsage().getUsed();
                    }
                }
                System.out.printf(Locale.ROOT, "HEAP step=%d afterLastGcMb=%.0f%n", event.data().get("step"),
                        afterGc / 1e6);
                System.out.flush();
            }
        }
    }

    /** Peak heap (sum of the heap pools' peaks: an upper bound), live heap after a GC, GC counts and time. */
    private static String memory() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long gcs = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long max = Runtime.getRuntime().maxMemory();
        return String.format(Locale.ROOT, "peakHeapMb=%.0f liveHeapMb=%.0f maxHeapMb=%.0f gcs=%d gcSeconds=%.1f",
                peak / 1e6, live / 1e6, max / 1e6, gcs, gcMillis / 1e3);
    }
}
