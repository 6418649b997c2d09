package io.llmopt.cli.common;

import io.llmopt.cli.progress.ProgressDisplay;
import picocli.CommandLine.Option;

/**
 * How much a running command shows while it runs. One class so that {@code -q} and {@code -v} read
 * the same in every command's help; {@code ErrorHandler} finds {@code --verbose} by name for the
 * stack traces, so the name must not change.
 */
public final class OutputOptions {

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Show every event, and stack traces on errors.")
    boolean verbose;

    public ProgressDisplay.Verbosity verbosity() {
        return quiet ? ProgressDisplay.Verbosity.QUIET : verbose ? ProgressDisplay.Verbosity.VERBOSE : ProgressDisplay.Verbosity.NORMAL;
    }
}
