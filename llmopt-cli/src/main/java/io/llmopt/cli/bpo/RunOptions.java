package io.llmopt.cli.bpo;

import io.llmopt.cli.progress.ProgressDisplay;
import picocli.CommandLine.Option;

/** Options every bpo command shares besides the configuration: resuming, concurrency, output volume. */
final class RunOptions {

    @Option(names = "--resume", paramLabel = "RUN_ID",
            description = "Continue a stopped or failed run: finished records are skipped, failed ones retried.")
    String resume;

    @Option(names = "--name", paramLabel = "NAME", description = "A name for the run in `llmopt runs`.")
    String name;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "Records in flight at once (default: ${DEFAULT-VALUE}); the model's own limits still apply.")
    int concurrency;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Show every event, and stack traces on errors.")
    boolean verbose;

    ProgressDisplay.Verbosity verbosity() {
        return quiet ? ProgressDisplay.Verbosity.QUIET : verbose ? ProgressDisplay.Verbosity.VERBOSE : ProgressDisplay.Verbosity.NORMAL;
    }
}
