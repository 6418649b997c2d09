package io.llmopt.cli.runs;

import io.llmopt.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import io.llmopt.core.config.ConfigLoader;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code --store PATH} option of the run commands and where the store is when it is not given:
 * the same place the running commands use (the configuration's {@code store.path}, from
 * {@code --config}, {@code LLMOPT_STORE_PATH} or {@code LLMOPT_RUNS_DIR}; by default
 * {@code llmopt-runs/runs.db}).
 */
public final class StoreOption {

    @Option(names = "--store", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "The run store (default: the configuration's store.path, normally llmopt-runs/runs.db).")
    Path store;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file naming the store (store.path or runs_dir).")
    Path config;

    /** The store's path: the option, else the configuration (file, environment, defaults). */
    public Path path() {
        return resolve(store, config, System.getenv());
    }

    static Path resolve(Path option, Path configFile, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        return new ConfigLoader().file(configFile).environment(env).load().settings().resolvedStorePath();
    }

    /**
     * Opens an existing store. Reading commands never create one: a mistyped path should say so
     * instead of showing an empty list.
     */
    public RunStore openExisting() {
        Path path = path();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no run store at " + path + " (give --store PATH, or the --config of the runs)");
        }
        return RunStore.open(path);
    }
}
