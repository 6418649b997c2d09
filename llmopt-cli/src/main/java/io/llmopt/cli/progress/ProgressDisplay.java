package io.llmopt.cli.progress;

import io.llmopt.core.events.RunListener;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;

/** Chooses how a run's progress is shown: bars on a terminal, plain lines otherwise, or nothing. */
public final class ProgressDisplay {

    /** How much the user asked to see. */
    public enum Verbosity { QUIET, NORMAL, VERBOSE }

    private ProgressDisplay() {
    }

    /** The listener for this process's stderr. Close it at the end of the run if AutoCloseable. */
    public static RunListener forStderr(Verbosity verbosity) {
        return forStderr(verbosity, false);
    }

    /** As {@link #forStderr(Verbosity)}; a dry run's log lines name no run id (its run is thrown away). */
    public static RunListener forStderr(Verbosity verbosity, boolean dryRun) {
        if (verbosity == Verbosity.QUIET) {
            return RunListener.NONE;
        }
        PrintStream err = System.err;
        if (isTerminal()) {
            return new TerminalProgress(err, verbosity == Verbosity.VERBOSE);
        }
        return new LogProgress(err, Duration.ofSeconds(10), verbosity == Verbosity.VERBOSE, dryRun ? "dry run" : null);
    }

    /** True when stderr is an interactive terminal (not CI, a pipe or nohup). */
    static boolean isTerminal() {
        if (System.getenv("CI") != null) {
            return false;
        }
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a console even when redirected; isTerminal() tells them apart.
            Method m = console.getClass().getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
