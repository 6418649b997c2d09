package io.llmopt.opro.data;

import java.nio.file.Path;

/** A data file that cannot be read as the expected format; the message names the file and line. */
public class DatasetFormatException extends RuntimeException {

    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code file:line: problem}, the form compilers use, so editors can jump to it. */
    public static DatasetFormatException at(Path file, int line, String problem) {
        return new DatasetFormatException(file + ":" + line + ": " + problem);
    }
}
