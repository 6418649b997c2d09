package io.llmopt.bpo.pipeline;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One line saying why a record's chain failed, without the future wrappers around the cause. */
final class Failures {

    private Failures() {
    }

    static String reason(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
