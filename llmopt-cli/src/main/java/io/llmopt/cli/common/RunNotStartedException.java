package io.llmopt.cli.common;

/** The user chose not to start the run (exit code 1, nothing stored). */
public final class RunNotStartedException extends RuntimeException {

    public RunNotStartedException(String message) {
        super(message);
    }
}
