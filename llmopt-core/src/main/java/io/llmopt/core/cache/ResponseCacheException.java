package io.llmopt.core.cache;

/** The cache file could not be opened, read or written; the message names the file. */
public class ResponseCacheException extends RuntimeException {

    public ResponseCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
