package io.llmopt.core.data;

import java.io.IOException;
import java.nio.file.Path;

/** A text file that is not UTF-8; the message names the file and the first line that is not. */
public final class NotUtf8Exception extends IOException {

    private final Path file;
    private final long line;

    NotUtf8Exception(Path file, long line, String why) {
        super(file + " line " + line + ": not UTF-8 (" + why + "); save it as UTF-8");
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
