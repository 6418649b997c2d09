package io.llmopt.cli.bpo;

import io.llmopt.cli.common.OutputOptions;
import io.llmopt.cli.common.RunNameOption;
import io.llmopt.cli.progress.ProgressDisplay;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every bpo command shares besides the configuration: resuming, output volume. Records in
 * flight are {@code --concurrency} ({@link io.llmopt.cli.common.ConfigOptions}), which caps each model's calls too.
 */
final class RunOptions {

    @Option(names = "--resume", paramLabel = "RUN_ID",
            description = "Continue a stopped or failed run: finished records are skipped, failed ones retried.")
    String resume;

    @Mixin
    RunNameOption name;

    /** Records in flight at once when {@code --concurrency} is not given (it also caps each model's calls then). */
    static final int DEFAULT_CONCURRENCY = 16;

    @Mixin
    OutputOptions output;

    ProgressDisplay.Verbosity verbosity() {
        return output.verbosity();
    }
}
