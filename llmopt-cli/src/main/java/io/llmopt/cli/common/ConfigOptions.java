package io.llmopt.cli.common;

import io.llmopt.local.LocalModelCatalog;
import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.ConfigTree;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.llm.ModelRoles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The configuration options every running command shares. They become the flags layer, the
 * highest of flags > environment (LLMOPT_*) > file > defaults.
 *
 * <p>A role option takes either a model spec ({@code openai:gpt-4o-mini},
 * {@code vllm:http://host:8000/v1#Qwen2.5-7B-Instruct}) or the name of a model defined in the
 * configuration file. API keys are never options: they come from the environment or a key file.
 */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration file (YAML or JSON).")
    public Path configFile;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "One model for every role not set otherwise (a spec like openai:gpt-4o-mini, or a model name from the"
                    + " config file). With no model configured at all, the built-in local model is used (local:qwen2.5-1.5b-instruct).")
    public String model;

    @Option(names = "--optimizer", paramLabel = "MODEL", description = "The optimizer model (spec or configured name).")
    public String optimizer;

    @Option(names = "--scorer", paramLabel = "MODEL", description = "The scorer model (spec or configured name).")
    public String scorer;

    @Option(names = "--judge", paramLabel = "MODEL", description = "The judge model (spec or configured name).")
    public String judge;

    @Option(names = "--rewriter", paramLabel = "MODEL", description = "The rewriter model (spec or configured name).")
    public String rewriter;

    @Option(names = "--responder", paramLabel = "MODEL", description = "The model whose responses are judged (spec or configured name).")
    public String responder;

    @Option(names = "--cache", paramLabel = "MODE", description = "Response cache: read-write (default), read-only or off.")
    public String cacheMode;

    @Option(names = "--max-cost", paramLabel = "USD", description = "Stop the run cleanly once this much money is spent.")
    public Double maxCost;

    @Option(names = "--max-tokens-total", paramLabel = "N", description = "Stop the run cleanly once this many tokens are used.")
    public Long maxTokens;

    @Option(names = "--store", paramLabel = "FILE", description = "The run store (SQLite file; default: runs.db in the runs folder).")
    public Path store;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Folder of run directories (default: ./llmopt-runs).")
    public Path runsDir;

    @Option(names = "--dry-run",
            description = "Run the whole pipeline against the built-in simulator and print how many calls and tokens"
                    + " the real run would take and what it would cost; nothing is spent or stored.")
    public boolean dryRun;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any configuration key, e.g. --set models.gpt.max_concurrency=16 (repeatable).")
    public List<String> assignments = new ArrayList<>();

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
        LoadedConfig loaded = new ConfigLoader().file(configFile).environment(environment).flags(flagTree(overrides)).load();
        if (!loaded.settings().roles().asMap().isEmpty() || model != null) {
            return loaded;
        }
        List<String> withDefault = new ArrayList<>(overrides);
        for (String role : ModelRoles.ALL) {
            withDefault.addAll(roleAssignments(role, LocalModelCatalog.DEFAULT_SPEC));
        }
        return new ConfigLoader().file(configFile).environment(environment).flags(flagTree(withDefault)).load();
    }

    /** The flags layer these options describe. */
    public ConfigTree flagTree() {
        return flagTree(List.of());
    }

    private ConfigTree flagTree(List<String> overrides) {
        List<String> all = new ArrayList<>();
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(ModelRoles.OPTIMIZER, optimizer);
        roles.put(ModelRoles.SCORER, scorer);
        roles.put(ModelRoles.JUDGE, judge);
        roles.put(ModelRoles.REWRITER, rewriter);
        roles.put(ModelRoles.RESPONDER, responder);
        // each role's assignments carry the flag the user typed, so an error names --model, not --set
        ConfigTree roleLayer = ConfigTree.empty();
        for (Map.Entry<String, String> e : roles.entrySet()) {
            String chosen = e.getValue() != null ? e.getValue() : model;
            if (chosen != null) {
                String flag = e.getValue() != null ? "--" + e.getKey() : "--model";
                roleLayer = roleLayer.overlaidWith(FlagLayer.fromAssignments(roleAssignments(e.getKey(), chosen), flag));
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
