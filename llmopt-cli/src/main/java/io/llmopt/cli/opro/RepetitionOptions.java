package io.llmopt.cli.opro;

import picocli.CommandLine.Option;

/**
 * How often a paper experiment ({@code opro linreg}, {@code opro tsp}) is repeated and how long
 * each repetition may run. Repetition k uses seed k, so the same N gives the same runs.
 */
final class RepetitionOptions {

    @Option(names = "--reps", paramLabel = "N", defaultValue = "5", description = "Repetitions, seeds 1..N (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "500", description = "Step limit per run (default: ${DEFAULT-VALUE}).")
    int steps;

    /** The number of repetitions; fails on fewer than one, which would silently run nothing. */
    int reps() {
        if (reps < 1) {
            throw new IllegalArgumentException("--reps must be at least 1");
        }
        return reps;
    }
}
