package io.llmopt.cli.common;

import io.llmopt.core.config.LoadedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A dry run: the real configuration (models, roles, prices, limits) with a throw-away store and
 * runs folder and no response cache, so nothing of the user's is touched and every call is
 * counted; the session serves all models from the simulator.
 */
final class DryRun implements AutoCloseable {

    private final Path dir;

    private DryRun(Path dir) {
        this.dir = dir;
    }

    /** Where a dry run's usage per role goes while {@link #capture} runs it (the local-engine estimate). */
    private static final ThreadLocal<java.util.function.Consumer<Map<String, io.llmopt.core.accounting.Usage>>> SINK =
            new ThreadLocal<>();

    /** Runs {@code dryRun} (on this thread) and hands its usage per role to {@code sink}. */
    static void capture(java.util.function.Consumer<Map<String, io.llmopt.core.accounting.Usage>> sink, Runnable dryRun) {
        SINK.set(sink);
        try {
            dryRun.run();
        } finally {
            SINK.remove();
        }
    }

    static void publish(Map<String, io.llmopt.core.accounting.Usage> byRole) {
        var sink = SINK.get();
        if (sink != null) {
            sink.accept(Map.copyOf(byRole));
        }
    }

    static DryRun create() {
        try {
            return new DryRun(Files.createTempDirectory("llmopt-dry-run"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the dry run", e);
        }
    }

    Path dir() {
        return dir;
    }

    LoadedConfig config(ConfigOptions options, Map<String, String> env) {
        return options.load(env, List.of(
                "store.path=" + dir.resolve("runs.db"),
                "runs_dir=" + dir.resolve("runs"),
                "cache.mode=off"));
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
