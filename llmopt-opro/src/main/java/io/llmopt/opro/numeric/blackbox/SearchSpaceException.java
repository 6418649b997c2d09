package io.llmopt.opro.numeric.blackbox;

/** A search-space file is malformed; the message is one line naming the file and the key. */
public final class SearchSpaceException extends RuntimeException {

    public SearchSpaceException(String message) {
        super(message);
    }

    public SearchSpaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
