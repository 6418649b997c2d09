package io.llmopt.cli.opro;

import io.llmopt.cli.common.RoleOption;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.opro.numeric.SamplingMode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The optimizer-sampling options the numeric commands share; defaults are the paper's. */
public final class NumericOptimizerOptions {

    @Mixin
    RoleOption.Optimizer optimizerRole;

    @Option(names = "--candidates-per-step", paramLabel = "K", defaultValue = "8",
            description = "Optimizer outputs asked for per step (default: ${DEFAULT-VALUE}, as in the paper).")
    int candidatesPerStep;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "Optimizer sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--max-output-tokens", paramLabel = "N", defaultValue = "1024",
            description = "Cap on each optimizer output (default: ${DEFAULT-VALUE}).")
    int maxOutputTokens;

    @Option(names = "--separate-calls",
            description = "Ask for the K outputs in K calls instead of one call with n=K (for servers without n).")
    boolean separateCalls;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Base sampling seed sent to the optimizer, varied per step (default: ${DEFAULT-VALUE}).")
    long seed;

    /** A config builder with these options applied; the command adds its limits. */
    NumericOptimizerConfig.Builder builder() {
        return NumericOptimizerConfig.builder()
                .candidatesPerStep(candidatesPerStep)
                .temperature(temperature)
                .maxTokens(maxOutputTokens)
                .samplingMode(separateCalls ? SamplingMode.SEPARATE_CALLS : SamplingMode.BATCH)
                .seed(seed);
    }
}
