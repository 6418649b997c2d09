package io.llmopt.cli.common;

/** A run ended failed for a reason already recorded; the message is the one line users see (exit code 1). */
public final class RunFailedException extends RuntimeException {

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
