package io.llmopt.cli.opro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.Interrupts;
import io.llmopt.cli.common.OptionBounds;
import io.llmopt.cli.common.OutputOptions;
import io.llmopt.cli.common.RunNameOption;
import io.llmopt.cli.common.RunSession;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.prompt.LlmExampleScorer;
import io.llmopt.opro.prompt.PromptOptimizationConfig;
import io.llmopt.opro.prompt.PromptOptimizationSection;
import io.llmopt.opro.prompt.PromptOptimizer;
import io.llmopt.opro.transfer.TransferColumn;
import io.llmopt.opro.transfer.TransferEvaluator;
import io.llmopt.opro.transfer.TransferExport;
import io.llmopt.opro.transfer.TransferInstructions;
import io.llmopt.opro.transfer.TransferMatrix;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llmopt opro transfer}: the same instructions scored with several scorer models and on
 * several data sets in one resumable run (the paper's transfer study); the logic is the library's
 * {@link TransferEvaluator}.
 */
@Command(
        name = "transfer",
        mixinStandardHelpOptions = true,
        description = {"Score instructions with several scorer models and on several data sets or tasks in one"
                + " resumable run: a matrix of accuracy with 95%% Wilson intervals, each cell's difference to the"
                + " baseline (the first instruction) on the same examples with an exact McNemar p-value, and the"
                + " best instruction per column; written as transfer.csv and transfer.json and drawn in the report.",
                "Calls go through the response cache, so adding a model to a finished transfer pays only for that"
                        + " model; --dry-run prices the whole matrix first."},
        footer = {"", "Examples:",
            "  llmopt opro transfer --from-run RUN_ID --top 3 --scorer openai:gpt-4o-mini,openai:gpt-4o --dataset gsm8k,multiarith,aqua --dry-run",
            "  llmopt opro transfer --instructions-file prompts.txt --scorer openai:gpt-4o-mini --dataset bbh --task navigate,date_understanding",
            "", "Resume an interrupted run with llmopt runs resume RUN_ID (or the same command plus --resume RUN_ID).",
            "", "Exit codes: 0 ok, 1 run failed, 2 usage or configuration error, 3 budget reached, 130 interrupted."})
public final class OproTransferCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--scorer", split = ",", paramLabel = "MODEL",
            description = "Scorer models, comma-separated: specs (openai:gpt-4o-mini) or model names of the configuration"
                    + " file. Default: the scorer role's model (--model).")
    List<String> scorers;

    @Option(names = "--dataset", split = ",", required = true, paramLabel = "NAME|FILE",
            description = "Data sets, comma-separated: gsm8k, multiarith, aqua, bbh, mmlu, or .jsonl/.csv files of your own.")
    List<String> datasets;

    @Option(names = "--task", split = ",", paramLabel = "TASK",
            description = "BBH tasks, comma-separated: each is a column of its own (with --dataset bbh).")
    List<String> tasks;

    @Option(names = "--subject", paramLabel = "SUBJECT", description = "MMLU subject (with --dataset mmlu).")
    String subject;

    @Option(names = "--category", paramLabel = "CATEGORY", description = "MMLU category (with --dataset mmlu).")
    String category;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder laid out as the OPRO repository's data folder (gsm_data/, BIG-Bench-Hard-data/, ...).")
    Path dataDir;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of the data sets' splits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "test, train, validation or all. Default: test for a built-in data set, all for your own file.")
    String split;

    @Option(names = "--examples", paramLabel = "N",
            description = "Score on the first N examples of each data set's split only (default: all of them).")
    Integer examplesLimit;

    @Option(names = "--instruction", paramLabel = "TEXT", description = "An instruction to score (repeatable; the first is the baseline).")
    List<String> instructions = new ArrayList<>();

    @Option(names = "--instructions-file", paramLabel = "FILE", description = "Instructions to score, one per line.")
    Path instructionsFile;

    @Option(names = "--from-run", paramLabel = "RUN_ID",
            description = "Take the instructions from an opro prompt run: its baseline, then its --top best by training accuracy.")
    String fromRun;

    @Option(names = "--top", defaultValue = "3", paramLabel = "K",
            description = "With --from-run: how many of the run's best instructions (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--resume", paramLabel = "RUN_ID", description = "Continue this interrupted transfer run (give the same options).")
    String resume;

    @Mixin
    ScorerPromptOptions scoring;

    @Mixin
    RunNameOption name;

    @Mixin
    OutputOptions output;

    /** A scorer column's model: the label the user reads, the configured model's name, and its definition if new. */
    private record Scorer(String label, String modelName, String spec) {
    }

    @Override
    public Integer call() throws IOException {
        if (examplesLimit != null && examplesLimit < 1) {
            throw new IllegalArgumentException("--examples: got " + examplesLimit + ", expected at least 1");
        }
        List<Scorer> scorerList = scorers();
        // the scorers given as specs become models of their own, defined like any --set models.NAME.spec
        for (Scorer s : scorerList) {
            if (s.spec() != null) {
                configOptions.assignments.add("models." + s.modelName() + ".spec=" + s.spec());
            }
        }
        if (scorerList.get(0).modelName() != null) {
            // the scorer role names the first: without it a command line with no --model would put
            // every role on the built-in local model and estimate a run that never uses it
            configOptions.assignments.add("roles." + ModelRoles.SCORER + "=" + scorerList.get(0).modelName());
        }
        List<String> all = instructions();
        LoadedConfig loaded = configOptions.load(System.getenv());
        PromptOptimizationConfig.Builder builder = PromptOptimizationConfig.reference().toBuilder();
        loaded.section("opro", PromptOptimizationSection.class).applyTo(builder);
        scoring.applyTo(builder);
        PromptOptimizationConfig config = builder.build();
        List<DataColumn> data = dataColumns();

        ObjectNode effective = JSON.createObjectNode();
        effective.set("opro", JSON.valueToTree(config));
        ObjectNode transfer = effective.putObject("transfer");
        ArrayNode scorerNodes = transfer.putArray("scorers");
        scorerList.forEach(s -> scorerNodes.add(s.label()));
        ArrayNode dataNodes = transfer.putArray("datasets");
        data.forEach(d -> dataNodes.add(d.label()));
        transfer.put("examples_per_column", examplesLimit == null ? -1 : examplesLimit);
        effective.set("instructions", JSON.valueToTree(all));

        PrintWriter out = spec.commandLine().getOut();
        try (RunSession session = RunSession.open(configOptions, output.verbosity())) {
            if (resume != null) {
                session.workspace().store().run(resume).ifPresent(stored ->
                        ResumeCheck.requireSameOptions(resume, stored.configJson(), effective));
            }
            String defaultName = "transfer " + scorerList.size() + "x" + data.size();
            ActiveRun run = resume != null ? session.resume(resume, RunKinds.OPRO_TRANSFER)
                    : session.start(RunKinds.OPRO_TRANSFER, name.orElse(defaultName), effective);
            List<TransferColumn> columns = new ArrayList<>();
            for (Scorer s : scorerList) {
                String role = scorerList.size() == 1 ? ModelRoles.SCORER : ModelRoles.SCORER + " " + s.label();
                LanguageModel model = s.modelName() == null ? run.model(ModelRoles.SCORER) : run.model(role, s.modelName());
                for (DataColumn d : data) {
                    columns.add(new TransferColumn(s.label(), d.label(), d.split(), d.splitName(), d.examples(),
                            LlmExampleScorer.of(model, config, d.data().grading())));
                }
            }
            TransferEvaluator evaluator = new TransferEvaluator(run.context(), config.bootstrapSeed());
            TransferMatrix matrix;
            try (Interrupts interrupts = session.interrupts(run, session.resumeCommand(run))) {
                matrix = evaluator.evaluate(all, columns);
            } catch (RuntimeException e) {
                if (run.stopRequested()) {
                    run.finish(RunStatus.INTERRUPTED, null);
                    spec.commandLine().getErr().println("llmopt: run " + run.id() + " interrupted; resume with: "
                            + session.resumeCommand(run));
                    return ExitCodes.INTERRUPTED;
                }
                RunStatus status = PromptOptimizer.statusAfter(e);
                run.finish(status, null);
                spec.commandLine().getErr().println("llmopt: run " + run.id() + " " + status.wireName() + ": "
                        + e.getMessage() + OproPromptCommand.resumeHint(e, status, session.resumeCommand(run)));
                return status == RunStatus.BUDGET_REACHED ? ExitCodes.BUDGET_REACHED : ExitCodes.FAILED;
            }
            if (matrix == null) {
                run.finish(RunStatus.INTERRUPTED, null);
                spec.commandLine().getErr().println("llmopt: run " + run.id() + " interrupted; resume with: "
                        + session.resumeCommand(run));
                return ExitCodes.INTERRUPTED;
            }
            ObjectNode summary = JSON.createObjectNode();
            summary.set("transfer", matrix.toJson());
            run.finish(RunStatus.COMPLETED, summary);
            out.printf(Locale.ROOT, "%s: %d instruction(s) x %d column(s) (%d scorer model(s) x %d data set(s))%n%n",
                    session.runName(run.id()), all.size(), columns.size(), scorerList.size(), data.size());
            TransferTable.print(out, matrix);
            if (session.dryRun()) {
                session.printEstimate(out);
                return ExitCodes.OK;
            }
            out.println();
            TransferExport.write(matrix, run.directory()).forEach(f -> out.println("wrote " + f));
            session.writeReport(run, out);
            return ExitCodes.OK;
        }
    }

    /** The scorer models: each --scorer value, or the scorer role's model when none is given. */
    private List<Scorer> scorers() {
        if (scorers == null || scorers.isEmpty()) {
            return List.of(new Scorer(ModelRoles.SCORER, null, null));
        }
        List<Scorer> out = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String value : scorers) {
            String v = value.strip();
            if (v.isEmpty()) {
                throw new IllegalArgumentException("--scorer: an empty model in '" + String.join(",", scorers) + "'");
            }
            Scorer s;
            if (v.contains(":")) {
                String label = ModelSpec.parse(v, "--scorer").model();
                s = new Scorer(label, "transfer-" + label.replaceAll("[^A-Za-z0-9_-]", "-"), v);
            } else {
                s = new Scorer(v, v, null);
            }
            if (!labels.add(s.label())) {
                throw new IllegalArgumentException("--scorer: the model '" + s.label() + "' is given twice");
            }
            out.add(s);
        }
        return out;
    }

    /** The instructions: --instruction, then --instructions-file, then --from-run's; the first is the baseline. */
    private List<String> instructions() throws IOException {
        List<String> all = new ArrayList<>(instructions);
        if (instructionsFile != null) {
            for (String line : Files.readAllLines(instructionsFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    all.add(line.strip());
                }
            }
        }
        if (fromRun != null) {
            // the real store, also in a dry run: the instructions to price are the user's
            Path storeFile = configOptions.load(System.getenv()).settings().resolvedStorePath();
            if (!Files.exists(storeFile)) {
                throw new IllegalArgumentException("--from-run " + fromRun + ": no run store at " + storeFile
                        + " (--store FILE)");
            }
            try (RunStore store = RunStore.open(storeFile)) {
                all.addAll(TransferInstructions.fromRun(store, fromRun, top));
            }
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(all));
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("give --instruction TEXT (repeatable), --instructions-file FILE or --from-run RUN_ID");
        }
        distinct.forEach(i -> OptionBounds.requireInstructions("--instruction", List.of(i)));
        return distinct;
    }

    /** One data set (or BBH task) as a column's examples. */
    private record DataColumn(String label, LoadedData data, Split split, String splitName, List<Example> examples) {
    }

    private List<DataColumn> dataColumns() {
        List<DataColumn> out = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String dataset : datasets) {
            String d = dataset.strip();
            boolean bbh = d.equalsIgnoreCase("bbh");
            if (!bbh && tasks != null && !tasks.isEmpty() && datasets.stream().noneMatch(x -> x.strip().equalsIgnoreCase("bbh"))) {
                throw new IllegalArgumentException("--task names BBH tasks: give --dataset bbh too");
            }
            List<List<String>> taskLists = bbh && tasks != null ? tasks.stream().map(List::of).toList()
                    : java.util.Collections.singletonList(null);
            for (List<String> task : taskLists) {
                DatasetOptions options = new DatasetOptions();
                options.dataset = d;
                options.tasks = task;
                options.subject = subject;
                options.category = category;
                options.dataDir = dataDir;
                options.seed = seed;
                options.questionField = "question";
                options.answerField = "answer";
                LoadedData loaded = options.load();
                String s = split != null ? split.toLowerCase(Locale.ROOT) : options.userFile() ? "all" : "test";
                List<Example> examples = switch (s) {
                    case "train" -> loaded.train();
                    case "validation" -> loaded.validation();
                    case "test" -> loaded.test();
                    case "all" -> {
                        List<Example> pool = new ArrayList<>(loaded.train());
                        pool.addAll(loaded.validation());
                        pool.addAll(loaded.test());
                        yield pool;
                    }
                    default -> throw new IllegalArgumentException("--split must be test, train, validation or all");
                };
                if (examplesLimit != null && examples.size() > examplesLimit) {
                    examples = examples.subList(0, examplesLimit);
                }
                if (examples.isEmpty()) {
                    throw new IllegalArgumentException("--dataset " + d + ": the " + s + " split has no examples");
                }
                Split stored = switch (s) {
                    case "train" -> Split.TRAIN;
                    case "validation" -> Split.VALIDATION;
                    default -> Split.TEST;
                };
                String label = loaded.label();
                if (!labels.add(label)) {
                    throw new IllegalArgumentException("--dataset: '" + label + "' is given twice");
                }
                out.add(new DataColumn(label, loaded, stored, s, List.copyOf(examples)));
            }
        }
        return out;
    }
}
