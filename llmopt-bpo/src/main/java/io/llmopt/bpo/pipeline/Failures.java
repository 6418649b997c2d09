package io.llmopt.bpo.pipeline;

import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.llm.LlmException;
import java.util.EnumSet;
import java.util.Set;

/** One line saying why a record's chain failed, without the future wrappers around the cause. */
final class Failures {

    private Failures() {
    }

    /**
     * What a record's chain ending with {@code error} means for the record: an {@link Error} (out
     * of memory, a stack overflow) is never a record's result and is thrown on, failing the run, and
     * so is a refused key or an unknown model or URL (401, 403, 404), which every other record would
     * meet too; a stop (the run's calls cancelled) leaves the record to do on resume, returning true;
     * anything else returns false and the record failed.
     */
    static boolean stopped(Throwable error) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof Error e) {
            throw e;
        }
        if (cause instanceof LlmException e && PERMANENT.contains(e.kind())) {
            throw e;
        }
        return cause instanceof LlmException e && e.kind() == LlmException.Kind.CANCELLED;
    }

    /** Failures that are about the run's settings, not the record: the first one stops the run. */
    private static final Set<LlmException.Kind> PERMANENT = EnumSet.of(LlmException.Kind.UNAUTHORIZED, LlmException.Kind.NOT_FOUND);


    static String reason(Throwable error) {
        Throwable cause = Futures.unwrap(error);
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
