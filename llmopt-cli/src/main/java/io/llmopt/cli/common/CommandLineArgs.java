package io.llmopt.cli.common;

import java.util.List;

/**
 * The arguments of the command being executed, so a run can store the command line that started
 * it: {@code llmopt runs resume ID} re-runs it with {@code --resume ID}, and people can repeat it.
 * API keys are never among them (keys never come from flags).
 */
public final class CommandLineArgs {

    private static final ThreadLocal<List<String>> CURRENT = ThreadLocal.withInitial(List::of);

    private CommandLineArgs() {
    }

    public static void set(List<String> args) {
        CURRENT.set(List.copyOf(args));
    }

    public static List<String> current() {
        return CURRENT.get();
    }
}
