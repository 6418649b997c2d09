package io.llmopt.cli.bpo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.bpo.export.FineTuneExporter;
import io.llmopt.bpo.export.FineTuneFormat;
import io.llmopt.bpo.pairs.OptimizedPair;
import io.llmopt.bpo.pipeline.PairItems;
import io.llmopt.bpo.train.HostedTraining;
import io.llmopt.bpo.train.HostedTrainingOptions;
import io.llmopt.bpo.train.LlamaFactoryRecipe;
import io.llmopt.bpo.train.TrainingFileCheck;
import io.llmopt.bpo.train.TrainingOutcome;
import io.llmopt.bpo.train.TrainingPrices;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.RoleOption;
import io.llmopt.cli.common.RunSession;
import io.llmopt.core.config.ApiKeys;
import io.llmopt.core.config.ConfigFileEditor;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.http.ApiKey;
import io.llmopt.core.http.OpenAiJobsClient;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmopt bpo train}: optimized pairs to a rewriter model, by a hosted fine-tuning API or a GPU recipe. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a prompt rewriter on optimized pairs, as the paper does (it fine-tunes Llama-2-7b-chat on them).",
            "Hosted: uploads the pairs to the rewriter model's OpenAI-compatible fine-tuning API, follows the job",
            "(resumable: a killed or stopped run follows the same job, never a second one) and adds the new model",
            "to the configuration file. --recipe llama-factory DIR instead writes a folder to train on your own GPUs."
        },
        footer = {"", "Examples:",
            "  llmopt bpo train --pairs RUN_ID --rewriter openai:gpt-4o-mini --model-name bpo-rewriter --save-to llmopt.yaml",
            "  llmopt bpo train --pairs RUN_ID --rewriter openai:gpt-4o-mini --dry-run",
            "  llmopt bpo train --pairs RUN_ID --recipe llama-factory bpo-recipe/",
            "  llmopt bpo train --resume RUN_ID --pairs RUN_ID --rewriter openai:gpt-4o-mini     (follow the job again)"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    RoleOption.Rewriter rewriterRole;

    @Mixin
    RunOptions run;

    /** Where the pairs come from: a build-pairs run or a chat JSONL file. */
    static final class Source {
        @Option(names = "--pairs", paramLabel = "RUN_ID", description = "The build-pairs run whose kept pairs are trained on.")
        String pairsRun;

        @Option(names = "--data", paramLabel = "FILE", description = "A chat fine-tuning file (as bpo build-pairs --export writes).")
        Path data;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--recipe", arity = "2", paramLabel = "TRAINER DIR",
            description = "Write a training folder instead of training: llama-factory DIR.")
    List<String> recipe;

    @Option(names = "--recipe-base-model", paramLabel = "HF_MODEL",
            description = "The recipe's base model (default: " + LlamaFactoryRecipe.DEFAULT_BASE_MODEL + ", as the paper).")
    String recipeBaseModel;

    @Option(names = "--model-name", paramLabel = "NAME", defaultValue = "bpo-rewriter",
            description = "The name the trained model gets in the configuration file (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
            description = "Passes over the pairs (default: ${DEFAULT-VALUE}, as the paper).")
    int epochs;

    @Option(names = "--learning-rate-multiplier", paramLabel = "X", description = "Default: the provider's.")
    Double learningRateMultiplier;

    @Option(names = "--batch-size", paramLabel = "N", description = "Default: the provider's.")
    Integer batchSize;

    @Option(names = "--suffix", paramLabel = "TEXT", defaultValue = "bpo",
            description = "A tag in the new model's name (default: ${DEFAULT-VALUE}).")
    String suffix;

    @Option(names = "--poll-seconds", paramLabel = "S", defaultValue = "10",
            description = "How often the job is asked how it is doing (default: ${DEFAULT-VALUE}).")
    double pollSeconds;

    @Option(names = "--training-price", paramLabel = "USD",
            description = "USD per million trained tokens, for the estimate (known for OpenAI's fine-tunable models).")
    Double trainingPrice;

    @Option(names = "--cancel", description = "With --resume: cancel the run's job at the provider.")
    boolean cancel;

    @Option(names = "--save-to", paramLabel = "FILE",
            description = "The configuration file the trained model is added to (created when missing); default: the"
                    + " --config file, else ./llmopt.yaml.")
    Path saveTo;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (recipe != null) {
            return writeRecipe(out);
        }
        if (cancel && run.resume == null) {
            throw new IllegalArgumentException("--cancel needs --resume RUN_ID (the training run whose job to cancel)");
        }
        if (pollSeconds <= 0 || pollSeconds > 3600) {
            throw new IllegalArgumentException("--poll-seconds must be in (0, 3600], got " + pollSeconds);
        }
        LoadedConfig loaded = config.load(System.getenv());
        ModelSpec base = loaded.specForRole(ModelRoles.REWRITER);
        if (base == null) {
            throw new IllegalArgumentException("name the model to fine-tune with --rewriter MODEL (e.g. --rewriter openai:gpt-4o-mini)");
        }
        if (base.baseUrl() == null) {
            throw new IllegalArgumentException("--rewriter " + base + ": hosted training needs an OpenAI-compatible endpoint"
                    + " (openai:MODEL or openai-compatible:URL#MODEL); for a local model use --recipe llama-factory DIR");
        }
        ObjectNode effective = new ObjectMapper().createObjectNode().put("base_model", base.toString())
                .put("pairs", source.pairsRun).put("data", source.data == null ? null : source.data.toString())
                .put("epochs", epochs).put("name", modelName);
        // read and checked before a run exists: a bad file creates nothing (a dry run's store is a throw-away one)
        byte[] data = trainingData(loaded.settings().resolvedStorePath());
        TrainingFileCheck.Result checked = TrainingFileCheck.defaults().check(dataName(), data);
        checked.warnings().forEach(w -> err.println("llmopt: warning: " + w));
        try (RunSession session = RunSession.open(config, run.verbosity(), err)) {
            ActiveRun active = session.begin(run.resume, "bpo-train", run.name.orElse(null), effective);
            long trainedTokens = checked.estimatedTokens() * epochs;
            OptionalDouble price = trainingPrice != null ? OptionalDouble.of(trainingPrice) : TrainingPrices.perMillion(base.model());
            out.println(String.format(Locale.ROOT, "%d examples, about %,d tokens x %d epochs = %,d trained tokens%s",
                    checked.examples(), checked.estimatedTokens(), epochs, trainedTokens,
                    price.isPresent() ? String.format(Locale.ROOT, ", about $%.2f", trainedTokens * price.getAsDouble() / 1e6)
                            : " (price unknown: --training-price USD_PER_MILLION)"));
            if (session.dryRun()) {
                out.println("dry run: nothing uploaded, no job created");
                return session.end(active, RunStatus.COMPLETED, null, err);
            }
            HostedTraining training = new HostedTraining(client(loaded, base),
                    new HostedTrainingOptions(base.model(), epochs, learningRateMultiplier, batchSize, suffix, 42,
                            Duration.ofMillis(Math.round(pollSeconds * 1000))));
            if (cancel) {
                var job = training.cancel(active.context());
                out.println(job.map(j -> "job " + j.id() + ": " + j.status()).orElse("run " + active.id() + " has no job to cancel"));
                return session.end(active, RunStatus.INTERRUPTED, null, err);
            }
            TrainingOutcome outcome = training.run(active.context(), dataName(), data);
            ObjectNode summary = new ObjectMapper().valueToTree(outcome);
            if (outcome.stopped()) {
                err.println("stopped following job " + outcome.jobId() + ", which goes on at the provider; follow it again with"
                        + " --resume " + active.id() + " (add --cancel to cancel it)");
                return session.end(active, RunStatus.INTERRUPTED, summary, err);
            }
            if (!outcome.succeeded()) {
                err.println("job " + outcome.jobId() + " " + outcome.status() + (outcome.error() == null ? "" : ": " + outcome.error()));
                return session.end(active, RunStatus.FAILED, summary, err);
            }
            String newSpec = new ModelSpec(base.provider(), base.baseUrl(), outcome.fineTunedModel(), base.apiKeyEnv()).toString();
            Path target = saveTo != null ? saveTo : config.configFile != null ? config.configFile : Path.of("llmopt.yaml");
            ConfigFileEditor.addModel(target, modelName, newSpec);
            out.println("trained " + outcome.fineTunedModel() + (outcome.trainedTokens() == null ? ""
                    : String.format(Locale.ROOT, " on %,d tokens", outcome.trainedTokens())));
            out.println("added models." + modelName + " to " + target + "; use it with:");
            out.println("  llmopt bpo rewrite --config " + target + " --method model --rewriter " + modelName + " \"YOUR PROMPT\"");
            return session.end(active, RunStatus.COMPLETED, summary, err);
        }
    }

    private byte[] trainingData(Path storeFile) throws Exception {
        if (source.data != null) {
            if (!Files.isRegularFile(source.data)) {
                throw new NoSuchFileException(source.data.toString(), null, "no such file");
            }
            return Files.readAllBytes(source.data);
        }
        if (!Files.isRegularFile(storeFile)) {
            throw new IllegalArgumentException("no run store at " + storeFile + " to read the pairs of run " + source.pairsRun);
        }
        try (RunStore store = RunStore.open(storeFile)) {
            return new FineTuneExporter(FineTuneExporter.UserTurn.FULL_TEMPLATE)
                    .render(pairs(store), FineTuneFormat.OPENAI_CHAT_JSONL).getBytes(StandardCharsets.UTF_8);
        }
    }

    private List<OptimizedPair> pairs(RunStore store) {
        if (store.run(source.pairsRun).isEmpty()) {
            throw new IllegalArgumentException("no run " + source.pairsRun + " in " + store.file());
        }
        List<OptimizedPair> pairs = PairItems.keptPairs(store, source.pairsRun);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("run " + source.pairsRun + " has no kept pairs");
        }
        return pairs;
    }

    private String dataName() {
        return source.data != null ? source.data.getFileName().toString() : "bpo-pairs-" + source.pairsRun + ".jsonl";
    }

    private OpenAiJobsClient client(LoadedConfig loaded, ModelSpec base) {
        String name = loaded.settings().roles().modelFor(ModelRoles.REWRITER).orElseThrow();
        ApiKey key = ApiKeys.resolve(name, loaded.settings().models().get(name), base, System.getenv()).map(ApiKey::of).orElse(null);
        return new OpenAiJobsClient(base.baseUrl(), key, Duration.ofSeconds(120));
    }

    private int writeRecipe(PrintWriter out) {
        if (!recipe.get(0).equals("llama-factory")) {
            throw new IllegalArgumentException("--recipe knows llama-factory, got '" + recipe.get(0) + "'");
        }
        if (source.pairsRun == null) {
            throw new IllegalArgumentException("--recipe needs --pairs RUN_ID (a build-pairs run)");
        }
        try (RunSession session = RunSession.open(config, run.verbosity())) {
            List<Path> files = new LlamaFactoryRecipe(recipeBaseModel).write(Path.of(recipe.get(1)), pairs(session.workspace().store()));
            files.forEach(f -> out.println("wrote " + f));
            out.println("next: cd " + recipe.get(1) + " && llamafactory-cli train train_full.yaml   (README.md there says more)");
        }
        return ExitCodes.OK;
    }
}
