package io.llmopt.cli.opro;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.cli.common.RunSession;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.OutputOptions;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.opro.numeric.Direction;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.StopReason;
import io.llmopt.opro.numeric.blackbox.Baseline;
import io.llmopt.opro.numeric.blackbox.BaselineResult;
import io.llmopt.opro.numeric.blackbox.BaselineRunner;
import io.llmopt.opro.numeric.blackbox.BlackBoxProblem;
import io.llmopt.opro.numeric.blackbox.Candidate;
import io.llmopt.opro.numeric.blackbox.CommandObjective;
import io.llmopt.opro.numeric.blackbox.HttpObjective;
import io.llmopt.opro.numeric.blackbox.Objective;
import io.llmopt.opro.numeric.blackbox.SearchSpace;
import io.llmopt.opro.numeric.blackbox.SearchSpaceLoader;
import io.llmopt.opro.numeric.store.NumericRunKinds;
import io.llmopt.opro.numeric.store.NumericRunSummary;
import io.llmopt.opro.numeric.store.SolutionCodecs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt opro optimize}: OPRO on the user's own black-box objective. */
@Command(
        name = "optimize",
        mixinStandardHelpOptions = true,
        description = {
            "Optimizes a black-box objective over a search space with OPRO: the optimizer sees previous solutions and "
                    + "their values and proposes better ones; every proposal is validated against the space before it is evaluated.",
            "The objective is a command (it reads the solution as one JSON line on stdin and prints the value as its last "
                    + "line) or an HTTP endpoint (POST of the solution JSON, reply a number or {\"value\": ...}).",
            "Afterwards the baselines run with the same number of evaluations, and the report puts the curves side by side."
        },
        footer = {"", "Examples:",
            "  llmopt opro optimize --space space.yaml --objective './simulate --quiet' --model openai:gpt-4o-mini",
            "  llmopt opro optimize --space space.yaml --objective-url http://localhost:9000/eval --direction maximize \\",
            "      --max-steps 50 --max-evaluations 300 --patience 10 --eval-timeout 30s --eval-concurrency 4",
            "  llmopt opro optimize --space space.yaml --objective 'sh score.sh' --baselines random,cma-es --resume 20261122-153012-ab12",
            "",
            "The command is split into words like a shell would (quotes group words) but no shell runs it: $VARS, globs, ; and | stay literal."})
public final class OptimizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    NumericOptimizerOptions sampling;

    @Mixin
    OutputOptions output;

    @Option(names = "--space", paramLabel = "FILE", required = true, description = "The search space (YAML, or JSON by extension).")
    Path spaceFile;

    @Option(names = "--objective", paramLabel = "COMMAND", description = "The objective command and its arguments, e.g. './score --fast'.")
    String objectiveCommand;

    @Option(names = "--objective-url", paramLabel = "URL", description = "The objective as an HTTP endpoint (POST).")
    URI objectiveUrl;

    @Option(names = "--direction", paramLabel = "DIR", description = "minimize or maximize (default: the space file's).")
    String direction;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "100", description = "Step limit (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--max-evaluations", paramLabel = "N", defaultValue = "1000",
            description = "Evaluation budget, starting solutions included (default: ${DEFAULT-VALUE}).")
    int maxEvaluations;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop after N steps without improvement (default: 0, never).")
    int patience;

    @Option(names = "--eval-timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "Time-out per evaluation, e.g. 500ms, 30s, 5m (default: ${DEFAULT-VALUE}); a timed-out evaluation fails.")
    String evalTimeout;

    @Option(names = "--eval-concurrency", paramLabel = "N", defaultValue = "4",
            description = "Evaluations run at once (default: ${DEFAULT-VALUE}).")
    int evalConcurrency;

    @Option(names = "--starting-points", paramLabel = "N", defaultValue = "5",
            description = "Random solutions evaluated before the first step (default: ${DEFAULT-VALUE}).")
    int startingPoints;

    @Option(names = "--target", paramLabel = "VALUE", description = "Stop as soon as a value at least this good is found.")
    Double target;

    @Option(names = "--baselines", paramLabel = "LIST", defaultValue = "random,nelder-mead,cma-es",
            description = "Baselines run afterwards with the same evaluation budget: random, nelder-mead, cma-es or none "
                    + "(default: ${DEFAULT-VALUE}; the last two only for numeric spaces).")
    String baselines;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue a stopped run: recorded steps are replayed, not re-evaluated. "
            + "Pass the same space, objective and seed.")
    String resume;

    @Override
    public Integer call() {
        SearchSpace space = SearchSpaceLoader.load(spaceFile);
        if (direction != null) {
            space = new SearchSpace(space.description(), Direction.parse(direction), space.parameters());
        }
        List<Baseline> chosenBaselines = new ArrayList<>(BaselineNames.parse(baselines));
        if (!space.isNumeric() && chosenBaselines.removeIf(b -> b != Baseline.RANDOM_SEARCH)) {
            spec.commandLine().getErr().println("llmopt: nelder-mead and cma-es need numeric parameters only; running random search alone");
        }
        Duration timeout = DurationArgument.parse(evalTimeout, "--eval-timeout");
        Objective objective = objective(timeout);
        NumericOptimizerConfig optimizerConfig = sampling.builder().maxSteps(maxSteps).maxEvaluations(maxEvaluations)
                .patience(patience).maxConcurrentEvaluations(evalConcurrency)
                // The objective enforces its own time-out; the loop's is a backstop just past it.
                .evaluationTimeout(timeout.plusSeconds(5)).build();
        BlackBoxProblem problem = BlackBoxProblem.withRandomStart(space, objective, startingPoints, sampling.seed,
                target == null ? OptionalDouble.empty() : OptionalDouble.of(target));

        NumericRunResult<Candidate> result;
        String runId;
        List<BaselineResult> baselineResults = new ArrayList<>();
        SearchSpace finalSpace = space;
        try (RunSession session = RunSession.open(config, output.verbosity(), spec.commandLine().getOut());
             ActiveRun run = resume != null ? session.resume(resume, NumericRunKinds.OPTIMIZE)
                     : session.start(NumericRunKinds.OPTIMIZE, spaceFile.getFileName().toString(), effectiveConfig(space))) {
            runId = session.runName(run.id());
            result = new NumericExecution(session, spec.commandLine().getOut()).execute(run, optimizerConfig, problem, SolutionCodecs.candidate(), r -> {
                if (r.stopReason() != StopReason.STOPPED && r.evaluationCount() > 0) {
                    BaselineRunner runner = new BaselineRunner(finalSpace, objective);
                    for (Baseline b : chosenBaselines) {
                        baselineResults.add(runner.run(b, r.evaluationCount(), sampling.seed));
                    }
                }
                return summary(r, finalSpace, baselineResults);
            });
        }
        OptimizeReport.print(spec.commandLine().getOut(), runId, result, baselineResults);
        return NumericExecution.exitCodeOfRuns(List.of(result));
    }

    private Objective objective(Duration timeout) {
        if ((objectiveCommand == null) == (objectiveUrl == null)) {
            throw new IllegalArgumentException("give the objective as exactly one of --objective COMMAND or --objective-url URL");
        }
        if (objectiveUrl != null) {
            return new HttpObjective(objectiveUrl, timeout);
        }
        return new CommandObjective(CommandWords.split(objectiveCommand), timeout);
    }

    private ObjectNode effectiveConfig(SearchSpace space) {
        ObjectNode cfg = JsonNodeFactory.instance.objectNode();
        cfg.put("space", spaceFile.toAbsolutePath().toString());
        if (objectiveCommand != null) {
            ArrayNode words = cfg.putArray("objective");
            CommandWords.split(objectiveCommand).forEach(words::add);
        } else {
            cfg.put("objective_url", objectiveUrl.toString());
        }
        cfg.put("direction", space.direction().verb()).put("max_steps", maxSteps).put("max_evaluations", maxEvaluations)
                .put("patience", patience).put("eval_timeout", evalTimeout).put("eval_concurrency", evalConcurrency)
                .put("starting_points", startingPoints).put("seed", sampling.seed).put("baselines", baselines)
                .put("candidates_per_step", sampling.candidatesPerStep).put("temperature", sampling.temperature);
        return cfg;
    }

    private static ObjectNode summary(NumericRunResult<Candidate> result, SearchSpace space, List<BaselineResult> baselines) {
        ObjectNode summary = NumericRunSummary.of(result, SolutionCodecs.candidate(), space.direction(), null, null);
        summary.put("direction", space.direction().verb());
        ObjectNode byName = summary.putObject("baselines");
        for (BaselineResult b : baselines) {
            ObjectNode node = byName.putObject(BaselineNames.of(b.baseline()));
            if (b.best() == null) {
                node.putNull("best_value");
                node.putNull("best_solution");
            } else {
                node.put("best_value", b.bestValue());
                node.set("best_solution", SolutionCodecs.candidate().toJson(b.best()));
            }
            node.put("evaluations", b.evaluations());
            node.put("failed", b.failedEvaluations());
            // the best value after each evaluation: the curve the report and dashboard draw next to OPRO's
            ArrayNode curve = node.putArray("best_curve");
            for (double v : b.bestSoFar()) {
                if (Double.isNaN(v)) {
                    curve.addNull();
                } else {
                    curve.add(v);
                }
            }
        }
        return summary;
    }
}
