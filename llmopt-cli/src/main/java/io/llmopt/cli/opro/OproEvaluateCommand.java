package io.llmopt.cli.opro;

import io.llmopt.cli.common.RoleOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.OutputOptions;
import io.llmopt.cli.common.RunNameOption;
import io.llmopt.cli.common.RunSession;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.prompt.FinalEvaluation;
import io.llmopt.opro.prompt.InstructionEvaluation;
import io.llmopt.opro.prompt.InstructionEvaluator;
import io.llmopt.opro.prompt.LlmExampleScorer;
import io.llmopt.opro.prompt.PromptOptimizationConfig;
import io.llmopt.opro.prompt.PromptOptimizationSection;
import io.llmopt.opro.prompt.PromptOptimizer;
import io.llmopt.opro.prompt.RunRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llmopt opro evaluate}: scores given instructions on a split; with {@code --fail-under}, a CI gate. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {"Score instructions on a data set split with the scorer model: accuracy, 95%% Wilson interval,"
                + " and a paired test (exact McNemar, bootstrap interval) of each against the first.",
                "With --fail-under the command exits 1 when an instruction scores below the bar (a CI gate)."},
        footer = {"", "Examples:", "  llmopt opro evaluate --dataset gsm8k --split test --model openai:gpt-4o-mini --instruction \"\" --instruction \"Think step by step.\"", "  llmopt opro evaluate --dataset data.jsonl --instructions-file prompts.txt --fail-under 0.75 --strict --model openai:gpt-4o-mini", "", "Exit codes: 0 ok, 1 below the bar or run failed, 2 usage or configuration error,"
                + " 3 budget reached, 130 interrupted."})
public final class OproEvaluateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    RoleOption.Scorer scorerRole;

    @Mixin
    DatasetOptions data;

    @Option(names = "--instruction", paramLabel = "TEXT", description = "An instruction to score (repeatable; the first is the baseline).")
    List<String> instructions = new ArrayList<>();

    @Option(names = "--instructions-file", paramLabel = "FILE", description = "Instructions to score, one per line.")
    Path instructionsFile;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "test, train, validation, or all (every example as one pool). Default: all for your own file"
                    + " unless a split option (--train-fraction, --train-count, ...) is given, test for a built-in data set.")
    String split;

    @Mixin
    ScorerPromptOptions scoring;

    @Option(names = "--fail-under", paramLabel = "ACC", description = "Exit 1 when an instruction's accuracy is below ACC.")
    Double failUnder;

    @Option(names = "--strict", description = "With --fail-under: compare the lower bound of the 95%% interval, not the accuracy.")
    boolean strict;

    @Mixin
    RunNameOption name;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        List<String> all = new ArrayList<>(instructions);
        if (instructionsFile != null) {
            for (String line : Files.readAllLines(instructionsFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    all.add(line.strip());
                }
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("give --instruction TEXT (repeatable) or --instructions-file FILE");
        }
        try (RunSession.Configured configured = RunSession.configure(configOptions)) {
            return evaluate(configured, all);
        }
    }

    /** Evaluates on the command's configuration, loaded once for its own section and for the session. */
    private int evaluate(RunSession.Configured configured, List<String> all) {
        LoadedConfig loaded = configured.config();
        PromptOptimizationConfig.Builder builder = PromptOptimizationConfig.reference().toBuilder();
        loaded.section("opro", PromptOptimizationSection.class).applyTo(builder);
        scoring.applyTo(builder);
        PromptOptimizationConfig config = builder.build();
        LoadedData dataset = data.load();
        // a file of the user's own is scored whole unless a split is asked for: no silent 20/80 split
        String split = this.split != null ? this.split : data.userFile() && !data.splitAsked() ? "all" : "test";
        Split storedSplit = switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> Split.TRAIN;
            case "validation" -> Split.VALIDATION;
            case "test", "all" -> Split.TEST;
            default -> throw new IllegalArgumentException("--split must be test, train, validation or all");
        };
        List<Example> examples = switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> dataset.train();
            case "validation" -> dataset.validation();
            case "test" -> dataset.test();
            default -> {
                List<Example> pool = new ArrayList<>(dataset.train());
                pool.addAll(dataset.validation());
                pool.addAll(dataset.test());
                yield pool;
            }
        };

        ObjectNode effective = JSON.createObjectNode();
        effective.set("opro", JSON.valueToTree(config));
        effective.put("dataset", dataset.dataset());
        effective.put("split", split);
        effective.set("instructions", JSON.valueToTree(all));
        PrintWriter out = spec.commandLine().getOut();
        try (RunSession session = configured.open(output.verbosity())) {
            ActiveRun run = session.start("opro-evaluate", name.orElse(dataset.dataset() + "/" + split), effective);
            InstructionEvaluator evaluator = new InstructionEvaluator(
                    LlmExampleScorer.of(run.model(ModelRoles.SCORER), config, dataset.grading()),
                    RunRecorder.of(run.context()), config.bootstrapSeed());
            FinalEvaluation evaluation;
            try {
                evaluation = evaluator.evaluate(all, storedSplit, examples);
            } catch (RuntimeException e) {
                RunStatus status = run.stopRequested() ? RunStatus.INTERRUPTED : PromptOptimizer.statusAfter(e);
                run.finish(status, null);
                throw e;
            }
            ObjectNode summary = JSON.createObjectNode();
            summary.set("evaluation", JSON.valueToTree(evaluation));
            run.finish(RunStatus.COMPLETED, summary);
            out.println(session.runName(run.id()) + ": " + all.size() + " instruction(s) on " + examples.size() + " "
                    + split + " example(s)");
            ResultTable.print(out, evaluation, split.toLowerCase(Locale.ROOT));
            if (session.dryRun()) {
                session.printEstimate(out);
                return ExitCodes.OK;
            }
            return gate(out, evaluation);
        }
    }

    private int gate(PrintWriter out, FinalEvaluation evaluation) {
        if (failUnder == null) {
            return ExitCodes.OK;
        }
        boolean pass = true;
        for (InstructionEvaluation e : evaluation.instructions()) {
            double value = strict && e.interval() != null ? e.interval().lower() : e.accuracy();
            if (value < failUnder) {
                pass = false;
                out.printf(Locale.ROOT, "FAIL: %s %.3f < %.3f: %s%n", strict ? "lower bound" : "accuracy", value,
                        failUnder, ResultTable.shown(e.instruction()));
            }
        }
        if (pass) {
            out.printf(Locale.ROOT, "PASS: every instruction's %s is at least %.3f%n",
                    strict ? "lower bound" : "accuracy", failUnder);
        }
        out.flush();
        return pass ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
