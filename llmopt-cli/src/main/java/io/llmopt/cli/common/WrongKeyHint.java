package io.llmopt.cli.common;

import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.store.RunStatus;
import java.util.function.Supplier;

/**
 * What every command says after a refused key (401/403): the run failed, and resuming it before
 * the key is fixed would fail the same way. One wording for OPRO, numeric and BPO commands.
 */
public final class WrongKeyHint {

    private WrongKeyHint() {
    }

    /** True when {@code error}, under any future wrappers, is a refused key. */
    public static boolean isWrongKey(Throwable error) {
        return Futures.unwrap(error) instanceof LlmException e && isWrongKey(e.kind());
    }

    public static boolean isWrongKey(LlmException.Kind kind) {
        return kind == LlmException.Kind.UNAUTHORIZED;
    }

    /**
     * Runs a run's work (a BPO pipeline); a refused key, which every record would meet alike, fails
     * the run at once with the one line that says to fix the key before resuming. Other errors pass.
     */
    public static <T> T guard(RunSession session, ActiveRun run, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (!isWrongKey(e) || run.stopRequested()) {
                throw e;
            }
            run.finish(RunStatus.FAILED, null);
            throw new RunFailedException(failedLine(run.id(), e, session.resumeCommand(run)), e);
        }
    }

    /** "run ID failed: (why); fix the API key first ..., then resume with: COMMAND". */
    public static String failedLine(String runId, Throwable error, String resumeCommand) {
        return "run " + runId + " failed: " + Futures.unwrap(error).getMessage() + hint(resumeCommand);
    }


    /** Appended to the "run ID failed: ..." line. */
    public static String hint(String resumeCommand) {
        return "; fix the API key first (its environment variable or key file), then resume with: " + resumeCommand;
    }
}
