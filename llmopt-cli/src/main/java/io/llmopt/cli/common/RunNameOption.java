package io.llmopt.cli.common;

import picocli.CommandLine.Option;

/** The {@code --name} of a new run, shared by the commands that start one run. */
public final class RunNameOption {

    @Option(names = "--name", paramLabel = "NAME", description = "A name for the run in `llmopt runs`.")
    String name;

    /** The given name, else {@code fallback} (null lets the store choose). */
    public String orElse(String fallback) {
        return name != null ? name : fallback;
    }
}
