package io.llmopt.core.runtime;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file of a run's folder could not be written (a full disk, a folder made read-only): the run
 * fails (exit 1), with one line naming the file and the system's reason, never a stack trace.
 */
public final class RunFolderException extends RuntimeException {

    public RunFolderException(Path file, IOException cause, String outcome) {
        super("cannot write " + file + ": " + reason(cause) + (outcome == null ? "" : "; " + outcome), cause);
    }

    /** "No space left on device", not the path again. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
