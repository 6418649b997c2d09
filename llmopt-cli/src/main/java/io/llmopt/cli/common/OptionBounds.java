package io.llmopt.cli.common;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * The documented upper bound of every count a user gives (docs/reliability.md, "Bounds"): values
 * no real run needs, far enough above the papers' settings, low enough that a typo such as
 * {@code --rounds 100000} is refused with one line before anything is created instead of filling
 * the store and the heap. Checked for every command at once, from the parsed command line, so a new
 * command's option with a known name is bounded without code of its own.
 */
public final class OptionBounds {

    /** The longest instruction accepted: 64 KiB of UTF-8, far above any prompt a meta-prompt can hold. */
    public static final int MAX_INSTRUCTION_BYTES = 64 * 1024;

    /** Option name → its largest value. */
    static final Map<String, Long> MAX = Map.ofEntries(
            Map.entry("--steps", 10_000L),
            Map.entry("--max-steps", 10_000L),
            Map.entry("--candidates-per-step", 64L),
            Map.entry("--rounds", 10L),
            Map.entry("-k", 64L),
            Map.entry("--top-k", 64L),
            Map.entry("--top", 64L),
            Map.entry("--examples", 1_000_000L),
            Map.entry("--evaluate-every", 10_000L),
            Map.entry("--concurrency", 1_024L),
            Map.entry("--eval-concurrency", 1_024L),
            Map.entry("--reps", 100L),
            Map.entry("--points", 1_000L),
            Map.entry("--starting-points", 1_000L),
            Map.entry("--max-evaluations", 1_000_000L),
            Map.entry("--train-count", 1_000_000L),
            Map.entry("--validation-count", 1_000_000L),
            Map.entry("--max-output-tokens", 1_000_000L),
            Map.entry("--response-max-tokens", 1_000_000L),
            Map.entry("--initial-instruction", 64L)); // how many; each at most MAX_INSTRUCTION_BYTES

    private OptionBounds() {
    }

    /** Refuses any bounded option of the command line above its bound. */
    public static void check(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            for (CommandLine.Model.OptionSpec option : pr.matchedOptions()) {
                Long max = MAX.get(option.longestName());
                if (max != null) {
                    check(pr.commandSpec().commandLine(), option.longestName(), option.getValue(), max);
                }
            }
        }
    }

    /**
     * The same bound for a value that may come from the configuration file ({@code opro.steps}),
     * where the command line's check does not see it.
     */
    public static void requireWithin(String setting, long value, String option) {
        long max = MAX.get(option);
        if (value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s %d is above its upper bound %,d (docs/reliability.md, Bounds)", setting, value, max));
        }
    }

    /** The instruction-length bound for instructions that may come from the configuration file. */
    public static void requireInstructions(String setting, List<String> instructions) {
        requireWithin(setting, instructions.size(), "--initial-instruction");
        for (String text : instructions) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_INSTRUCTION_BYTES) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: an instruction of %,d bytes is above its upper bound of %,d (64 KiB)", setting, bytes, MAX_INSTRUCTION_BYTES));
            }
        }
    }

    private static void check(CommandLine cl, String name, Object value, long max) {
        if (value instanceof Number n && n.longValue() > max) {
            throw new CommandLine.ParameterException(cl, String.format(Locale.ROOT,
                    "%s %d is above its upper bound %,d (docs/reliability.md, Bounds)", name, n.longValue(), max));
        }
        if (value instanceof List<?> list) {
            if (list.size() > max) {
                throw new CommandLine.ParameterException(cl, String.format(Locale.ROOT,
                        "%s given %d times, above its upper bound %d (docs/reliability.md, Bounds)", name, list.size(), max));
            }
            for (Object item : list) {
                if (item instanceof String text) {
                    checkInstruction(cl, name, text);
                }
            }
        }
    }

    private static void checkInstruction(CommandLine cl, String name, String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_INSTRUCTION_BYTES) {
            throw new CommandLine.ParameterException(cl, String.format(Locale.ROOT,
                    "%s is %,d bytes, above its upper bound of %,d (64 KiB; docs/reliability.md, Bounds)", name, bytes, MAX_INSTRUCTION_BYTES));
        }
    }
}
