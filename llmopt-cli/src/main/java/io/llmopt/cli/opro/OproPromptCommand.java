package io.llmopt.cli.opro;

import io.llmopt.cli.common.RoleOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.Interrupts;
import io.llmopt.cli.common.OptionBounds;
import io.llmopt.cli.common.OutputOptions;
import io.llmopt.cli.common.RunNameOption;
import io.llmopt.cli.common.RunSession;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.store.RunStatus;
import io.llmopt.opro.meta.OptimizerStyle;
import io.llmopt.opro.racing.EvaluationStrategy;
import io.llmopt.opro.prompt.OptimizerSeedSetting;
import io.llmopt.opro.prompt.PromptOptimizationConfig;
import io.llmopt.opro.prompt.PromptOptimizationResult;
import io.llmopt.opro.prompt.PromptOptimizationSection;
import io.llmopt.opro.prompt.PromptOptimizer;
import io.llmopt.opro.prompt.RacingSavings;
import io.llmopt.opro.prompt.PromptRunExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llmopt opro prompt}: searches for a better instruction with OPRO, then tests the best ones. */
@Command(
        name = "prompt",
        mixinStandardHelpOptions = true,
        description = {"Optimize an instruction with OPRO: the optimizer model proposes instructions from the scored"
                + " history, the scorer model answers the training examples with each, the best are tested.",
                "Defaults follow the paper (8 candidates per step, temperature 1.0, 3 exemplars, 20 instructions"
                        + " shown) except --steps, which is 20 here (the paper: 200)."},
        footer = {"", "Examples:", "  llmopt opro prompt --dataset gsm8k --model openai:gpt-4o-mini --steps 3 --dry-run", "  llmopt opro prompt --dataset gsm8k --optimizer openai:gpt-4o --scorer ollama:llama3.2 --no-test", "  llmopt opro prompt --dataset bbh --task navigate --model openai:gpt-4o-mini --evaluation racing --max-cost 5", "  llmopt opro prompt --dataset gsm8k --model openai:gpt-4o-mini --batch test", "", "Resume an interrupted run with the same command plus --resume RUN_ID.",
                "Exit codes: 0 ok, 1 run failed, 2 usage or configuration error, 3 budget reached, 130 interrupted."})
public final class OproPromptCommand implements Callable<Integer> {

    /** The CLI's step default: the paper's 200 steps cost 200 x 8 x |train| scorer calls. */
    static final int DEFAULT_STEPS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    RoleOption.Optimizer optimizerRole;

    @Mixin
    RoleOption.Scorer scorerRole;

    @Mixin
    DatasetOptions data;

    @Mixin
    ScorerPromptOptions scoring;

    @Option(names = "--steps", paramLabel = "N", description = "Search steps (default 20; the paper: 200).")
    Integer steps;

    @Option(names = "--candidates-per-step", paramLabel = "N", description = "Instructions generated per step (default 8).")
    Integer candidatesPerStep;

    @Option(names = "--style", paramLabel = "STYLE", description = "Optimizer meta-prompt style: chat (default), completion, pretrained.")
    String style;

    @Option(names = "--optimizer-seed", paramLabel = "N|none", description = "Base seed of the optimizer's samples,"
            + " varied per step and sample (default 0); none sends no seed, as the reference does.")
    String optimizerSeed;

    @Option(names = "--initial-instruction", paramLabel = "TEXT", description = "Instruction to start from (repeatable; default: the empty one).")
    List<String> initialInstructions;

    @Option(names = "--evaluate-every", paramLabel = "N", description = "Validate every N steps (default 3; 0 never).")
    Integer evaluateEvery;

    @Option(names = "--top-k", paramLabel = "N", description = "Best instructions to test at the end, with the"
            + " baseline (default 3; 0 tests nothing, as --no-test).")
    Integer topK;

    @Option(names = "--no-test", description = "No final test evaluation: the run ends after its last step"
            + " (on GSM8K the test is 1,319 scorer calls per instruction tested).")
    boolean noTest;

    @Option(names = "--evaluation", paramLabel = "MODE", description = "full (default, the paper) or racing: stop"
            + " scoring a candidate once a test shows it cannot enter the meta-prompt (fewer scorer calls; see"
            + " docs/racing.md).")
    String evaluation;

    @Mixin
    RunNameOption name;

    @Option(names = "--resume", paramLabel = "RUN_ID", description = "Continue this interrupted run (give the same options).")
    String resume;

    @Option(names = "--export", paramLabel = "DIR", description = "Write candidates.csv and result.json here (default: the run's folder).")
    Path export;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        // --batch test batches the final test alone, and is what a bare --batch means here
        configOptions.batchTestPhase(PromptOptimizer.TEST_PHASE);
        try (RunSession.Configured configured = RunSession.configure(configOptions)) {
            return call(configured);
        }
    }

    /** Runs on the command's configuration, loaded once for its own section and for the session. */
    private int call(RunSession.Configured configured) {
        LoadedConfig loaded = configured.config();
        PromptOptimizationConfig.Builder builder = PromptOptimizationConfig.reference().toBuilder().steps(DEFAULT_STEPS);
        loaded.section("opro", PromptOptimizationSection.class).applyTo(builder);
        LoadedData dataset = data.loadForTraining();
        builder.forbidDigits(dataset.forbidDigits()).taskDescription(dataset.taskDescription());
        applyFlags(builder);
        PromptOptimizationConfig config = builder.build();
        // the command line is bounded before this; opro.* in the configuration file is bounded here
        OptionBounds.requireWithin("opro.steps", config.steps(), "--steps");
        OptionBounds.requireWithin("opro.candidates_per_step", config.candidatesPerStep(), "--candidates-per-step");
        OptionBounds.requireWithin("opro.final_top_k", config.finalTopK(), "--top-k");
        OptionBounds.requireInstructions("opro.initial_instructions", config.initialInstructions());

        ObjectNode effective = JSON.createObjectNode();
        effective.set("opro", JSON.valueToTree(config));
        effective.put("dataset", dataset.dataset());
        effective.put("task", dataset.task());
        effective.set("split", JSON.valueToTree(dataset.splitSpec()));
        effective.put("train_examples", dataset.train().size());
        effective.put("validation_examples", dataset.validation().size());
        effective.put("test_examples", config.finalTopK() == 0 ? 0 : dataset.test().size());

        PrintWriter out = spec.commandLine().getOut();
        try (RunSession session = configured.open(output.verbosity())) {
            if (resume != null) {
                session.workspace().store().run(resume).ifPresent(stored ->
                        ResumeCheck.requireSameOptions(resume, stored.configJson(), effective));
            }
            ActiveRun run = resume != null ? session.resume(resume, "opro-prompt")
                    : session.start("opro-prompt", name.orElse(dataset.label()), effective);
            // How many calls racing saves depends on the real scorer's answers, which a dry run does
            // not have; the simulator's would make racing look almost free. Count full evaluation,
            // the most a racing run can spend, and say so.
            boolean racingDryRun = session.dryRun() && config.evaluation() == EvaluationStrategy.RACING;
            PromptOptimizer optimizer = PromptOptimizer.builder()
                    .optimizer(run.model(ModelRoles.OPTIMIZER))
                    .scorer(run.model(ModelRoles.SCORER), dataset.grading())
                    .config(racingDryRun ? config.toBuilder().evaluation(EvaluationStrategy.FULL).build() : config)
                    .examples(dataset.train(), dataset.validation(), dataset.test())
                    .context(run.context())
                    .batchPhases(session.batchPhases())
                    .manageRunStatus(false)
                    .build();
            PromptOptimizationResult result;
            try (Interrupts interrupts = session.interrupts(run)) {
                result = optimizer.run();
            } catch (RuntimeException e) {
                if (run.stopRequested()) {
                    // the stop cancelled the calls in flight: that is how it ends a step at once, not a failure
                    run.finish(RunStatus.INTERRUPTED, null);
                    spec.commandLine().getErr().println("llmopt: run " + run.id() + " interrupted; resume with: " + session.resumeCommand(run));
                    return RunSession.exitCode(RunStatus.INTERRUPTED);
                }
                RunStatus status = PromptOptimizer.statusAfter(e);
                run.finish(status, null);
                spec.commandLine().getErr().println("llmopt: run " + run.id() + " " + status.wireName() + ": "
                        + e.getMessage() + resumeHint(e, status, session.resumeCommand(run)));
                // an error failed the command (1) even when the run stays resumable, unless the budget ran out (3)
                return status == RunStatus.BUDGET_REACHED ? RunSession.exitCode(status) : ExitCodes.FAILED;
            }
            RunStatus ended = result.stopped() ? RunStatus.INTERRUPTED : RunStatus.COMPLETED;
            run.finish(ended, PromptOptimizer.summary(result));
            if (session.dryRun()) {
                out.println("dry run of " + result.stepsDone() + " step(s), " + result.candidates().size() + " candidate(s)");
                out.println(finalTestLine(config, dataset.test().size()));
                session.printEstimate(out);
                if (racingDryRun) {
                    out.println("--evaluation racing: these are full evaluation's calls, the most the run can make;"
                            + " racing saved 2.5-3.6x of the scorer calls over a simulated 200-step run (docs/racing.md)");
                }
                return ExitCodes.OK;
            }
            List<Path> files = PromptRunExport.write(result, export != null ? export : run.directory());
            report(out, run.id(), result, files, session.resumeCommand(run));
            RacingSavings.of(result, run.store(), dataset.train().size()).ifPresent(r -> out.printf(Locale.ROOT,
                    "racing: %,d of %,d candidates dropped early; %,d training scorer calls instead of %,d (%.1fx fewer)%n",
                    r.racedOut(), r.raced(), r.scorerCalls(), r.fullCalls(), r.factor()));
            session.writeReport(run, out);
            return RunSession.exitCode(ended);
        }
    }

    private void applyFlags(PromptOptimizationConfig.Builder builder) {
        if (steps != null) builder.steps(steps);
        if (candidatesPerStep != null) builder.candidatesPerStep(candidatesPerStep);
        scoring.applyTo(builder);
        if (style != null) builder.style(enumValue(OptimizerStyle.class, style, "--style"));
        if (optimizerSeed != null) builder.optimizerSeed(OptimizerSeedSetting.parse(optimizerSeed, "--optimizer-seed"));
        if (initialInstructions != null && !initialInstructions.isEmpty()) builder.initialInstructions(initialInstructions);
        if (evaluateEvery != null) builder.evaluateEvery(evaluateEvery);
        if (topK != null) builder.finalTopK(topK);
        if (noTest) builder.finalTopK(0);
        if (evaluation != null) {
            try {
                builder.evaluation(EvaluationStrategy.parse(evaluation));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--evaluation: " + e.getMessage(), e);
            }
        }
    }

    /** What the final test will evaluate, so a dry run shows where the test's calls come from (or that there are none). */
    static String finalTestLine(PromptOptimizationConfig config, int testExamples) {
        if (config.finalTopK() == 0 || testExamples == 0) {
            return "final test: none" + (testExamples == 0 ? " (no test examples)" : " (--no-test or --top-k 0)");
        }
        return String.format(Locale.ROOT, "final test: the best %d instruction(s) and the baseline on %,d test examples"
                + " (--no-test or --top-k 0 to skip it)", config.finalTopK(), testExamples);
    }

    /** What to do next after a run ended by {@code e}: fix the key first, resume, or nothing (nothing to resume). */
    static String resumeHint(RuntimeException e, RunStatus status, String resumeCommand) {
        if (e instanceof io.llmopt.core.llm.LlmException llm && llm.kind() == io.llmopt.core.llm.LlmException.Kind.UNAUTHORIZED) {
            return "; fix the API key first (its environment variable or key file), then resume with: " + resumeCommand;
        }
        return status.isFinal() && status != RunStatus.BUDGET_REACHED ? "" : "; resume with: " + resumeCommand;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": unknown value '" + value + "'");
        }
    }

    private static void report(PrintWriter out, String runId, PromptOptimizationResult result, List<Path> files, String resume) {
        out.println("run " + runId + ": " + result.stepsDone() + " step(s), " + result.candidates().size()
                + " candidate(s)" + (result.stopped() ? " (stopped; resume with: " + resume + ")" : ""));
        result.best().ifPresent(best -> out.printf(Locale.ROOT, "best instruction (train %.3f%s): %s%n",
                best.trainScore(), best.penalizedScore().equals(best.trainScore()) ? ""
                        : String.format(Locale.ROOT, ", cost-aware %.3f", best.penalizedScore()),
                ResultTable.shown(best.instruction())));
        if (result.finalEvaluation() != null) {
            out.println();
            ResultTable.print(out, result.finalEvaluation());
        }
        out.println();
        files.forEach(f -> out.println("wrote " + f));
        out.flush();
    }
}
