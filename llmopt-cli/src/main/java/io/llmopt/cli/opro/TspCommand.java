package io.llmopt.cli.opro;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.cli.common.RunSession;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.OutputOptions;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.StopReason;
import io.llmopt.opro.numeric.store.NumericRunKinds;
import io.llmopt.opro.numeric.store.NumericRunSummary;
import io.llmopt.opro.numeric.store.SolutionCodecs;
import io.llmopt.opro.numeric.tsp.TourStart;
import io.llmopt.opro.numeric.tsp.TspExperiment;
import io.llmopt.opro.numeric.tsp.TspReferences;
import io.llmopt.opro.numeric.tsp.TspSummary;
import io.llmopt.opro.numeric.tsp.Tour;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt opro tsp}: the paper's travelling-salesman experiment (OPRO section 3.2). */
@Command(
        name = "tsp",
        mixinStandardHelpOptions = true,
        description = {
            "Runs OPRO on random travelling-salesman instances: the optimizer sees the points and previous traces with "
                    + "their lengths and proposes shorter traces.",
            "Repetition k uses seed k for the instance and the starting tours; each is one stored run.",
            "Prints each run's optimality gap over the reference (exact Held-Karp up to " + TspReferences.EXACT_LIMIT
                    + " points, else 2-opt + Or-opt local search), with the nearest-neighbour and farthest-insertion gaps "
                    + "beside it, and which reference was used."
        },
        footer = {"", "Examples:",
            "  llmopt opro tsp --points 10 --model openai:gpt-4o-mini",
            "  llmopt opro tsp --points 20 --reps 5 --steps 200 --start farthest-insertion --optimizer vllm:Qwen2.5-7B-Instruct"})
public final class TspCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    NumericOptimizerOptions sampling;

    @Mixin
    OutputOptions output;

    @Mixin
    RepetitionOptions repetitions;

    @Option(names = "--points", paramLabel = "N", required = true, description = "Number of points (at least 3).")
    int points;

    @Option(names = "--start", paramLabel = "START", defaultValue = "random",
            description = "Starting tours: random (5 random tours, the paper's setting; default), nearest-neighbour or "
                    + "farthest-insertion (that heuristic's tour plus 4 random ones).")
    String start;

    @Override
    public Integer call() {
        TourStart tourStart = TourStart.parse(start);
        if (points < 3) {
            throw new IllegalArgumentException("--points must be at least 3");
        }
        int reps = repetitions.reps();
        int steps = repetitions.steps;
        NumericOptimizerConfig optimizerConfig = sampling.builder().maxSteps(steps).build();
        TspExperiment experiment = new TspExperiment(reps, tourStart, TspReferences::best);
        List<String> runIds = new ArrayList<>();
        TspSummary summary;
        boolean dryRun;
        try (RunSession session = RunSession.open(config, output.verbosity(), spec.commandLine().getOut())) {
            dryRun = session.dryRun();
            long[] seed = {0};
            summary = experiment.run(points, problem -> {
                seed[0]++;
                ObjectNode effective = JsonNodeFactory.instance.objectNode().put("points", points).put("seed", seed[0])
                        .put("steps", steps).put("start", tourStart.optionName())
                        .put("candidates_per_step", optimizerConfig.candidatesPerStep())
                        .put("temperature", optimizerConfig.temperature());
                try (ActiveRun run = session.start(NumericRunKinds.TSP,
                        String.format(Locale.ROOT, "n=%d seed %d", points, seed[0]), effective)) {
                    runIds.add(run.id());
                    NumericRunResult<Tour> result = new NumericExecution(session, spec.commandLine().getOut()).execute(run, optimizerConfig, problem, SolutionCodecs.tour(),
                            r -> NumericRunSummary.tsp(r, problem));
                    if (result.stopReason() == StopReason.STOPPED) {
                        throw new StoppedException(result.stopReason());
                    }
                    return result;
                }
            });
        } catch (StoppedException stopped) {
            spec.commandLine().getErr().println("llmopt: stopped; finished steps are saved in runs " + String.join(", ", runIds));
            return RunSession.exitCode(NumericExecution.statusOf(stopped.reason));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!dryRun) {
            out.println("runs: " + String.join(", ", runIds));
        }
        out.print(summary.runTable());
        out.println("reference: " + summary.referenceMethods()
                + (points <= TspReferences.EXACT_LIMIT ? " (exact optimum)" : " (not proven optimal: gaps to the true optimum may be larger)"));
        return NumericExecution.exitCodeOfRuns(summary.runs().stream().map(r -> r.result()).toList());
    }

    /** Ends the repetitions early when the user asks to stop. */
    private static final class StoppedException extends RuntimeException {
        final StopReason reason;

        StoppedException(StopReason reason) {
            super("stopped", null, false, false);
            this.reason = reason;
        }
    }
}
