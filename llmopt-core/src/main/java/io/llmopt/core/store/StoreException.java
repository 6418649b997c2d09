package io.llmopt.core.store;

/**
 * A run store failure, with a one-line message that names the store file and says what to check.
 * Data committed before the failure is never lost: SQLite rolls back only the open transaction.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
