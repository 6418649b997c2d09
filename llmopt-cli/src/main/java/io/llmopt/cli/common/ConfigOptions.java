package io.llmopt.cli.common;

import io.llmopt.local.LocalModelCatalog;
import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.ConfigTree;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.Origin;
import io.llmopt.core.llm.ModelRoles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import io.llmopt.core.batch.BatchPhases;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The configuration options every running command shares. They become the flags layer, the
 * highest of flags > environment (LLMOPT_*) > file > defaults.
 *
 * <p>A role option ({@link RoleOption}: each command mixes in the roles it uses) takes either a
 * model spec ({@code openai:gpt-4o-mini}, {@code vllm:http://host:8000/v1#Qwen2.5-7B-Instruct}),
 * which defines a model named after the role ({@code models.scorer}), or the name of a model
 * defined in the configuration file. API keys are never options: they come from the environment or a key file.
 */
public final class ConfigOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /**
     * The arguments the command line was started with, as picocli keeps them, so a run can store
     * the command that started it ({@code runs resume} re-runs it); empty outside a parsed command.
     */
    public List<String> commandLineArgs() {
        ParseResult parsed = mixee == null ? null : mixee.root().commandLine().getParseResult();
        return parsed == null ? List.of() : List.copyOf(parsed.originalArgs());
    }

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (YAML or JSON).")
    public Path configFile;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "One model for every role not set otherwise: a spec like openai:gpt-4o-mini, which defines one"
                    + " model per role named after it (models.optimizer, models.scorer, ...: --set"
                    + " models.scorer.max_concurrency=8), or a model name from the config file. With no model configured"
                    + " at all, the built-in local model is used (local:qwen2.5-1.5b-instruct).")
    public String model;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Calls in flight at once to each model a role uses (sets models.NAME.max_concurrency for"
                    + " each); default: the model's own setting, else 16 (2 for the built-in local model).")
    public Integer concurrency;

    /**
     * {@code --concurrency}, or {@code fallback} when it is not given (bpo: records in flight). In
     * batch mode every record is started at once, so that a phase's calls make one batch.
     */
    public int concurrencyOr(int fallback) {
        return concurrency != null ? concurrency : batchMode() ? BATCH_RECORDS_IN_FLIGHT : fallback;
    }

    private static final int BATCH_RECORDS_IN_FLIGHT = 100_000;

    @Option(names = "--batch", arity = "0..1", paramLabel = "WHEN", parameterConsumer = BatchWhen.class,
            description = "Batch mode: the models gather their calls into provider batch jobs (half price at OpenAI,"
                    + " results within a day); a stopped run follows its jobs on resume (docs/batch.md). opro prompt:"
                    + " --batch test (the default) batches the final test evaluation only, --batch all every step too.")
    String batch;

    /** The values {@code --batch} takes; a bare {@code --batch} is recorded as "" (the command's default). */
    static final Set<String> BATCH_WHEN = Set.of(BatchWhen.TEST, BatchWhen.ALL);

    /**
     * Takes the next argument as {@code --batch}'s value only when it is one of its words, so a
     * command's positional arguments (a data file) after a bare {@code --batch} stay positional.
     */
    static final class BatchWhen implements CommandLine.IParameterConsumer {
        static final String TEST = "test";
        static final String ALL = "all";

        @Override
        public void consumeParameters(java.util.Stack<String> args, CommandLine.Model.ArgSpec argSpec,
                                      CommandSpec commandSpec) {
            argSpec.setValue(!args.isEmpty() && BATCH_WHEN.contains(args.peek()) ? args.pop() : "");
        }
    }

    /** The phase of a command's final test ({@code opro prompt}), which {@code --batch test} batches alone. */
    private String testPhase;

    /**
     * Says that this command has a final test phase named {@code phase}: {@code --batch test}
     * batches it alone, and a bare {@code --batch} means {@code test}. Other commands take
     * {@code --batch} (every call) only.
     */
    public void batchTestPhase(String phase) {
        testPhase = phase;
    }

    /** The command's final test phase, or null when it has none. */
    public String batchTestPhase() {
        return testPhase;
    }

    /** True when the command runs in batch mode ({@code --batch} or {@code --batch-files}). */
    public boolean batchMode() {
        return batch != null || batchFiles != null;
    }

    /**
     * Which phases the models in batch mode batch: the final test alone for {@code --batch test}
     * (and a bare {@code --batch} on a command with a final test), else every phase.
     *
     * @throws IllegalArgumentException for {@code --batch test} on a command without a final test
     */
    public BatchPhases batchPhases() {
        String when = batch == null ? "" : batch;
        if (BatchWhen.TEST.equals(when) && testPhase == null) {
            throw new IllegalArgumentException("--batch test: this command has no final test; --batch batches every call");
        }
        // on a command with a final test, --batch and --batch-files alone mean "test": a step that
        // waits for a batch job (minutes to hours at a provider) multiplies a run's wall time by its steps
        boolean testOnly = testPhase != null && !BatchWhen.ALL.equals(when);
        return testOnly ? BatchPhases.only(Set.of(testPhase)) : BatchPhases.all();
    }

    @Option(names = "--batch-files", paramLabel = "DIR",
            description = "Batch mode through files: write each phase's requests to DIR as a batch input file and read the"
                    + " output file that vllm run-batch (or anything else) writes there.")
    public Path batchFiles;

    @Option(names = "--no-probe", description = "Skip the capability probe (small test requests asking whether each"
            + " role's server honours n, seed and the sampling fields) for every role's model: sets models.NAME.probe=false"
            + " (docs/models.md).")
    public boolean noProbe;

    /** The command this mixin is part of: its role flags ({@link RoleOption}) are read from there. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--cache", paramLabel = "MODE", description = "Response cache: read-write (default), read-only or off.")
    public String cacheMode;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Stop the run cleanly once this much money is spent.")
    public Double maxCost;

    @Option(names = "--max-tokens-total", paramLabel = "N", description = "Stop the run cleanly once this many tokens are used.")
    public Long maxTokens;

    @Option(names = "--store", paramLabel = "FILE", description = "The run store (SQLite file; default: runs.db in the runs folder).")
    public Path store;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Folder of run directories (default: the --store file's folder when --store is given, else ./llmopt-runs).")
    public Path runsDir;

    @Option(names = "--dry-run",
            description = "Run the whole pipeline against the built-in simulator and print how many calls and tokens"
                    + " the real run would take and what it would cost; nothing is spent or stored.")
    public boolean dryRun;

    @Option(names = "--yes", description = "Start a run on the built-in local model without asking, even when it"
            + " is estimated to take over an hour.")
    public boolean yes;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any configuration key, e.g. --set budget.max_cost=2 or, with --model SPEC,"
                    + " --set models.scorer.max_concurrency=8 (repeatable).")
    public List<String> assignments = new ArrayList<>();

    /** The source name of the built-in defaults layer. */
    private static final String DEFAULTS = "defaults";

    /** Loads the configuration with these options as the flags layer. */
    public LoadedConfig load(Map<String, String> environment) {
        return load(environment, List.of());
    }

    /**
     * Loads the configuration with these options, then {@code overrides}, as the flags layer. When
     * no role has a model anywhere (flags, environment, file), every role gets the catalogue's
     * default local model, so a fresh machine runs with no server and no key.
     */
    public LoadedConfig load(Map<String, String> environment, List<String> overrides) {
        if (concurrency != null && concurrency < 1) {
            throw new IllegalArgumentException("--concurrency: got " + concurrency + ", expected at least 1");
        }
        LoadedConfig loaded = new ConfigLoader().file(configFile).environment(environment).flags(flagTree(overrides)).load();
        List<String> withDefault = new ArrayList<>();
        boolean reload = false;
        Origin runsDirOrigin = loaded.tree().origin("runs_dir");
        if (store != null && runsDir == null && runsDirOrigin != null && DEFAULTS.equals(runsDirOrigin.source())) {
            // --store X alone: the run folders (reports, charts) go next to X, not into ./llmopt-runs
            Path folder = store.getParent() != null ? store.getParent() : Path.of(".");
            withDefault.add("runs_dir=" + folder);
            reload = true;
        }
        withDefault.addAll(overrides);
        if (loaded.settings().roles().asMap().isEmpty() && model == null) {
            for (String role : ModelRoles.ALL) {
                withDefault.addAll(roleAssignments(role, LocalModelCatalog.DEFAULT_SPEC));
            }
        } else if (concurrency == null && !batchMode() && !noProbe && !reload) {
            return loaded;
        }
        if (noProbe) {
            Set<String> used = new TreeSet<>(loaded.settings().roles().asMap().values());
            if (used.isEmpty()) {
                used.addAll(ModelRoles.ALL);
            }
            used.forEach(name -> withDefault.add("models." + name + ".probe=false"));
        }
        if (batchMode()) {
            batchPhases(); // a --batch value the command does not take fails before anything is built
            Set<String> used = new TreeSet<>(loaded.settings().roles().asMap().values());
            for (String name : used) {
                withDefault.add("models." + name + ".batch.enabled=true");
                if (batchFiles != null) {
                    withDefault.add("models." + name + ".batch.files_dir=" + batchFiles.toAbsolutePath());
                }
            }
        }
        if (concurrency != null) {
            // the models are known only once every layer is read: roles may name models of the file
            Set<String> used = new TreeSet<>(loaded.settings().roles().asMap().values());
            if (used.isEmpty()) {
                used.addAll(ModelRoles.ALL);
            }
            used.forEach(name -> withDefault.add("models." + name + ".max_concurrency=" + concurrency));
        }
        return new ConfigLoader().file(configFile).environment(environment).flags(flagTree(withDefault)).load();
    }

    /** The flags layer these options describe. */
    public ConfigTree flagTree() {
        return flagTree(List.of());
    }

    private ConfigTree flagTree(List<String> overrides) {
        List<String> all = new ArrayList<>();
        // each role's assignments carry the flag the user typed, so an error names --model, not --set
        ConfigTree roleLayer = ConfigTree.empty();
        for (String role : ModelRoles.ALL) {
            String value = roleFlag(role);
            String chosen = value != null ? value : model;
            if (chosen != null) {
                String flag = value != null ? "--" + role : "--model";
                roleLayer = roleLayer.overlaidWith(FlagLayer.fromAssignments(roleAssignments(role, chosen), flag));
            }
        }
        if (cacheMode != null) {
            all.add("cache.mode=" + cacheMode.toLowerCase(Locale.ROOT));
        }
        if (maxCost != null) {
            all.add("budget.max_cost=" + maxCost);
        }
        if (maxTokens != null) {
            all.add("budget.max_tokens=" + maxTokens);
        }
        if (store != null) {
            all.add("store.path=" + store);
        }
        if (runsDir != null) {
            all.add("runs_dir=" + runsDir);
        }
        all.addAll(assignments);
        all.addAll(overrides);
        return all.isEmpty() ? roleLayer : roleLayer.overlaidWith(FlagLayer.fromAssignments(all, "--set"));
    }

    /** The value of the command's {@code --ROLE} flag, if the command has one and it was given. */
    private String roleFlag(String role) {
        OptionSpec option = command == null ? null : command.findOption("--" + role);
        return option == null ? null : option.getValue();
    }

    /**
     * A spec (it has a colon) defines a model named after the role; a plain name refers to a model
     * of the configuration file.
     */
    static List<String> roleAssignments(String role, String value) {
        if (value.contains(":")) {
            return List.of("models." + role + ".spec=" + value, "roles." + role + "=" + role);
        }
        return List.of("roles." + role + "=" + value);
    }
}
