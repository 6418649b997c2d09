package io.llmopt.core.data;

/** Told how far a download has come, so a CLI or web shell can show it. */
@FunctionalInterface
public interface DownloadProgress {
    /** Ignores progress. */
    DownloadProgress NONE = (name, bytes, total) -> { };

    /**
     * @param name  the file being downloaded
     * @param bytes bytes received so far
     * @param total the full size, or -1 when the server did not say
     */
    void onProgress(String name, long bytes, long total);
}
