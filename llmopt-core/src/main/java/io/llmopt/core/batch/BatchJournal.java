package io.llmopt.core.batch;

import java.util.List;
import java.util.Optional;

/**
 * Where a submission's jobs are written down before each step that costs money, so that a resumed
 * run follows the jobs it has instead of submitting their requests again.
 */
public interface BatchJournal {

    /**
     * One part of a submission (one input file, one job).
     *
     * @param key       submission id and part, e.g. "eval-test#0" or "eval-test#0.r1" for a resubmission
     * @param customIds the requests in it
     * @param fileId    the uploaded input file, once uploaded
     * @param batchId   the job, once created
     * @param status    uploaded, creating, running, or the job's final status
     */
    record Part(String key, List<String> customIds, String fileId, String batchId, String status) {

        public Part withFile(String id) {
            return new Part(key, customIds, id, batchId, "uploaded");
        }

        public Part creating() {
            return new Part(key, customIds, fileId, batchId, "creating");
        }

        public Part withBatch(String id, String newStatus) {
            return new Part(key, customIds, fileId, id, newStatus);
        }
    }

    Optional<Part> part(String key);

    /** Records {@code part}; returns only once it is durable. */
    void record(Part part);

    /** Every part recorded under {@code submissionId}. */
    List<Part> parts(String submissionId);
}
