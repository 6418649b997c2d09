package io.llmopt.cli.bpo;

import io.llmopt.cli.common.OutputOptions;
import io.llmopt.cli.common.RunNameOption;
import io.llmopt.cli.progress.ProgressDisplay;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every bpo command shares besides the configuration: resuming, concurrency, output volume. */
final class RunOptions {

    @Option(names = "--resume", paramLabel = "RUN_ID",
            description = "Continue a stopped or failed run: finished records are skipped, failed ones retried.")
    String resume;

    @Mixin
    RunNameOption name;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "Records in flight at once (default: ${DEFAULT-VALUE}); the model's own limits still apply.")
    int concurrency;

    @Mixin
    OutputOptions output;

    ProgressDisplay.Verbosity verbosity() {
        return output.verbosity();
    }
}
