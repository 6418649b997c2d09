package io.llmopt.opro.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.config.ConfigBinder;
import io.llmopt.core.config.ConfigException;
import io.llmopt.core.config.ConfigFileReader;
import io.llmopt.core.config.ConfigTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A sweep file: a grid of OPRO settings, each run {@code repetitions} times with a different
 * optimizer seed. Setting keys are the {@code opro:} keys of the configuration file
 * ({@link io.llmopt.opro.prompt.PromptOptimizationSection}), so a sweep speaks the same words as a run.
 *
 * <pre>
 * name: instructions per step
 * repetitions: 3                  # seeds: optimizer_seed + 0, 1, 2
 * parallel_runs: 2                # runs in flight at once (all share the cache and the budget)
 * instructions_per_run: 32        # steps = ceil(32 / candidates_per_step) where a setting sets no steps
 * base:                           # opro: keys for every run
 *   evaluate_every: 0
 * settings:                       # listed settings (a label is optional) ...
 *   - {label: "1 per step", candidates_per_step: 1}
 * grid:                           # ... times the product of these axes
 *   style: [chat, completion]
 * </pre>
 *
 * @param name               the sweep's label, or null
 * @param repetitions        runs per setting (default 1), each with the next optimizer seed
 * @param parallelRuns       runs in flight at once (default 2)
 * @param instructionsPerRun when set, a setting without {@code steps} gets enough steps to generate
 *                           this many instructions: the paper's equal budget across instructions per step
 * @param base               keys applied to every setting, or null
 * @param settings           listed settings, or null for one setting of the base alone
 * @param grid               axes whose product multiplies the listed settings, or null
 */
public record SweepSpec(
        String name,
        Integer repetitions,
        Integer parallelRuns,
        Integer instructionsPerRun,
        ObjectNode base,
        List<ObjectNode> settings,
        LinkedHashMap<String, List<JsonNode>> grid) {

    /** Upper bounds, so a typo cannot start ten thousand runs. */
    static final int MAX_REPETITIONS = 100;
    static final int MAX_PARALLEL_RUNS = 64;
    public static final int MAX_RUNS = 1_000;

    public SweepSpec {
        settings = settings == null ? null : List.copyOf(settings);
    }

    /**
     * Reads a sweep file (YAML or JSON).
     *
     * @throws ConfigException naming the file, line and key of the first problem
     */
    public static SweepSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": sweep file not found; check the path");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the sweep file (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** Parses a sweep file's text; {@code source} names it in errors. */
    public static SweepSpec parse(String text, String source) {
        ConfigTree tree = ConfigFileReader.parse(text, source, source.endsWith(".json"));
        return check(ConfigBinder.bind(tree, "", SweepSpec.class), source);
    }

    public int repetitionCount() {
        return repetitions == null ? 1 : repetitions;
    }

    public int parallelRunCount() {
        return parallelRuns == null ? 2 : parallelRuns;
    }

    private static SweepSpec check(SweepSpec spec, String source) {
        within(source, "repetitions", spec.repetitions, MAX_REPETITIONS);
        within(source, "parallel_runs", spec.parallelRuns, MAX_PARALLEL_RUNS);
        within(source, "instructions_per_run", spec.instructionsPerRun, 100_000);
        if (spec.grid != null) {
            spec.grid.forEach((key, values) -> {
                if (values == null || values.isEmpty()) {
                    throw new ConfigException(source + ": grid." + key + " lists no values");
                }
            });
        }
        return spec;
    }

    private static void within(String source, String key, Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            throw new ConfigException(source + ": " + key + " must be between 1 and " + max + ", got " + value);
        }
    }
}
