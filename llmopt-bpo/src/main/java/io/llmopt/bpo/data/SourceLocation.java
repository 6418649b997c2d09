package io.llmopt.bpo.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a record came from, for messages a user can act on.
 *
 * @param file        the file read
 * @param line        1-based line where the record starts
 * @param recordIndex 0-based position of the record in the file
 */
public record SourceLocation(Path file, long line, int recordIndex) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line + " (record " + recordIndex + ")";
    }
}
