package io.llmopt.core.batch;

/** Hears how a submission's jobs are doing, for a progress display and the run's events. */
public interface BatchListener {

    BatchListener NONE = new BatchListener() {
    };

    /** A job was created (or found again after a restart). */
    default void submitted(String partKey, String batchId, int requests, boolean resumed) {
    }

    /** The provider's counts for a job, at each poll. */
    default void progress(String partKey, String batchId, String status, int completed, int failed, int total) {
    }

    /** A job ended; its unfinished requests, if any, are resubmitted. */
    default void ended(BatchJobEnd end) {
    }
}
