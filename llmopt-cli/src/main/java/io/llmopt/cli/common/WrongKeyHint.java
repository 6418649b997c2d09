package io.llmopt.cli.common;

import io.llmopt.core.llm.LlmException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What every command says after a refused key (401/403): the run failed, and resuming it before
 * the key is fixed would fail the same way. One wording for OPRO, numeric and BPO commands.
 */
public final class WrongKeyHint {

    private WrongKeyHint() {
    }

    /** True when {@code error}, under any future wrappers, is a refused key. */
    public static boolean isWrongKey(Throwable error) {
        return unwrap(error) instanceof LlmException e && isWrongKey(e.kind());
    }

    public static boolean isWrongKey(LlmException.Kind kind) {
        return kind == LlmException.Kind.UNAUTHORIZED;
    }

    /** "run ID failed: (why); fix the API key first ..., then resume with: COMMAND". */
    public static String failedLine(String runId, Throwable error, String resumeCommand) {
        return "run " + runId + " failed: " + unwrap(error).getMessage() + hint(resumeCommand);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Appended to the "run ID failed: ..." line. */
    public static String hint(String resumeCommand) {
        return "; fix the API key first (its environment variable or key file), then resume with: " + resumeCommand;
    }
}
