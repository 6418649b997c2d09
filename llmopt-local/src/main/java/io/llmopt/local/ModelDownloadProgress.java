package io.llmopt.local;

/** Told how a model download advances; called from the downloading thread. */
@FunctionalInterface
public interface ModelDownloadProgress {

    /** Reports nothing. */
    ModelDownloadProgress NONE = (file, done, total) -> { };

    /**
     * @param fileName the file being downloaded
     * @param done     bytes on disk so far, including a resumed part
     * @param total    the full size, or -1 when the server did not say
     */
    void update(String fileName, long done, long total);
}
