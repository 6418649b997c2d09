package io.llmopt.cli.runs;

import java.nio.file.Path;

/** A run id the store does not hold: a usage error (exit code 2) with a one-line message. */
public final class UnknownRunException extends IllegalArgumentException {

    public UnknownRunException(String runId, Path store) {
        super("no run " + runId + " in " + store + " (llmopt runs list shows the runs)");
    }
}
