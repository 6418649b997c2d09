package io.llmopt.cli.runs;

import io.llmopt.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code --store PATH} option of the run commands and where the store is when it is not given:
 * the {@code LLMOPT_STORE} environment variable, else {@code ./runs/llmopt.db}.
 */
public final class StoreOption {

    public static final String ENV = "LLMOPT_STORE";
    public static final Path DEFAULT = Path.of("runs", "llmopt.db");

    @Option(names = "--store", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "The run store (default: $" + ENV + ", else ./runs/llmopt.db).")
    Path store;

    /** The store's path: the option, else the environment, else the default. */
    public Path path() {
        return resolve(store, System::getenv);
    }

    static Path resolve(Path option, Function<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.apply(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : DEFAULT;
    }

    /**
     * Opens an existing store. Reading commands never create one: a mistyped path should say so
     * instead of showing an empty list.
     */
    public RunStore openExisting() {
        Path path = path();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no run store at " + path + " (give --store PATH or set " + ENV + ")");
        }
        return RunStore.open(path);
    }
}
