package io.llmopt.opro.grading;

/** A malformed input line under {@link MalformedLinePolicy#FAIL}; the message names the file and line. */
public final class OfflineGradingException extends RuntimeException {

    public OfflineGradingException(String message) {
        super(message);
    }
}
