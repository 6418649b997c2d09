package io.llmopt.local;

/**
 * The local model could not be provided: a file is missing or corrupt, a download failed, or the
 * model server did not start. The message says what to do about it.
 */
public class LocalModelException extends RuntimeException {

    public LocalModelException(String message) {
        super(message);
    }

    public LocalModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
