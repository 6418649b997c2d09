package io.llmopt.cli.opro;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.cli.common.RunSession;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.OutputOptions;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.opro.numeric.linreg.LinRegRun;
import io.llmopt.opro.numeric.linreg.LinRegSummary;
import io.llmopt.opro.numeric.linreg.LinearRegressionExperiment;
import io.llmopt.opro.numeric.linreg.OptimumCriterion;
import io.llmopt.opro.numeric.store.NumericRunKinds;
import io.llmopt.opro.numeric.store.NumericRunSummary;
import io.llmopt.opro.numeric.store.SolutionCodecs;
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

/** {@code llmopt opro linreg}: the paper's linear-regression experiment (OPRO section 3.1). */
@Command(
        name = "linreg",
        mixinStandardHelpOptions = true,
        description = {
            "Runs OPRO on linear regression: the optimizer sees (w, b) pairs with their loss on 50 noisy points of "
                    + "y = w_true*x + b_true and proposes new pairs, until it finds the optimum.",
            "Repetition k uses seed k (data noise and starting points, as the reference does); each is one stored run.",
            "Prints the paper's table: steps to the optimum and unique (w, b) pairs explored (mean ± std), runs reaching it."
        },
        footer = {"", "Examples:",
            "  llmopt opro linreg --w 15 --b 14 --model openai:gpt-4o-mini",
            "  llmopt opro linreg --w 36 --b -1 --reps 5 --steps 500 --candidates-per-step 8 --optimizer vllm:Qwen2.5-7B-Instruct",
            "  llmopt opro linreg --w 2 --b 30 --criterion true-parameters -q"})
public final class LinregCommand implements Callable<Integer> {

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

    @Option(names = "--w", paramLabel = "W", required = true, description = "w_true, the slope of the data.")
    long wTrue;

    @Option(names = "--b", paramLabel = "B", required = true, description = "b_true, the intercept of the data.")
    long bTrue;

    @Option(names = "--criterion", paramLabel = "C", defaultValue = "best-integer-pair",
            description = "What counts as the optimum: best-integer-pair (lowest loss on the noisy data; default) "
                    + "or true-parameters ((w_true, b_true), what the reference checks).")
    String criterion;

    @Override
    public Integer call() {
        OptimumCriterion optimum = parseCriterion(criterion);
        int reps = repetitions.reps();
        int steps = repetitions.steps;
        NumericOptimizerConfig optimizerConfig = sampling.builder().maxSteps(steps).build();
        List<LinRegRun> runs;
        PrintWriter out = spec.commandLine().getOut();
        try (RunSession session = RunSession.open(config, output.verbosity(), out)) {
            // each repetition is a stored run of its own, its line printed as soon as it ends
            runs = LinearRegressionExperiment.repeat(wTrue, bTrue, reps, optimum, (seed, problem) -> {
                ObjectNode effective = JsonNodeFactory.instance.objectNode().put("w_true", wTrue).put("b_true", bTrue)
                        .put("seed", seed).put("steps", steps).put("criterion", criterion)
                        .put("candidates_per_step", optimizerConfig.candidatesPerStep())
                        .put("temperature", optimizerConfig.temperature());
                try (ActiveRun run = session.start(NumericRunKinds.LINREG,
                        String.format(Locale.ROOT, "w=%d b=%d seed %d", wTrue, bTrue, seed), effective)) {
                    long runSeed = seed;
                    return new NumericExecution(session, out).execute(run, optimizerConfig, problem, SolutionCodecs.wbPair(),
                            r -> NumericRunSummary.linearRegression(r, problem, wTrue, bTrue, criterion),
                            r -> printRun(out, session.runName(run.id()), new LinRegRun(runSeed, problem.optimum(), r)));
                }
            }).runs();
        }
        out.println();
        out.print(LinRegSummary.table(List.of(new LinRegSummary(wTrue, bTrue, runs))));
        out.flush();
        return NumericExecution.exitCodeOfRuns(runs.stream().map(r -> r.result()).toList());
    }

    /** One repetition's line, printed as soon as it ends and before its report's line. */
    private static void printRun(PrintWriter out, String runId, LinRegRun r) {
        out.printf(Locale.ROOT, "%s  seed %d  optimum %s  %s%n", runId, r.seed(), r.optimum(),
                r.result().reachedOptimum()
                        ? "reached at step " + r.result().optimumStep().getAsInt() + ", " + r.uniquePairsExplored() + " unique pairs"
                        : "not reached (" + r.result().stopReason().name().toLowerCase(Locale.ROOT) + "), best "
                                + (r.result().best() == null ? "-" : r.result().best().solution()));
    }

    static OptimumCriterion parseCriterion(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "best-integer-pair" -> OptimumCriterion.BEST_INTEGER_PAIR;
            case "true-parameters" -> OptimumCriterion.TRUE_PARAMETERS;
            default -> throw new IllegalArgumentException("--criterion must be best-integer-pair or true-parameters, got '" + text + "'");
        };
    }
}
