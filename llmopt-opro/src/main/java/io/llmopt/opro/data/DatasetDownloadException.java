package io.llmopt.opro.data;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A built-in data set's file could not be downloaded. Its own type so that a front end can add
 * how its users point at a local copy instead (the CLI names {@code --data-dir}).
 */
public final class DatasetDownloadException extends UncheckedIOException {

    public DatasetDownloadException(String message, IOException cause) {
        super(message, cause);
    }
}
