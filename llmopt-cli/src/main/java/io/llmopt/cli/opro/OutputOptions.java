package io.llmopt.cli.opro;

import io.llmopt.cli.progress.ProgressDisplay;
import picocli.CommandLine.Option;

/** How much a numeric command shows while it runs. */
public final class OutputOptions {

    @Option(names = {"-q", "--quiet"}, description = "No progress display; only the final report.")
    boolean quiet;

    @Option(names = "--verbose", description = "Show run events as they happen, and stack traces on errors.")
    boolean verbose;

    ProgressDisplay.Verbosity verbosity() {
        return quiet ? ProgressDisplay.Verbosity.QUIET : verbose ? ProgressDisplay.Verbosity.VERBOSE : ProgressDisplay.Verbosity.NORMAL;
    }
}
