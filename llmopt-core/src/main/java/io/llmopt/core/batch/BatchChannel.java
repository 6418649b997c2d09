package io.llmopt.core.batch;

import java.util.List;
import java.util.function.BooleanSupplier;

/** Where a batch of requests is run: a provider's batch API, or files exchanged with a cluster job. */
public interface BatchChannel {

    /**
     * Runs the requests (or follows the jobs an earlier attempt left running for them) and returns
     * their results; {@code stopped} when the run was asked to stop before every result was in.
     */
    BatchSubmitter.Outcome run(String submissionId, String endpoint, List<BatchLine> lines, BooleanSupplier stop);

    /** The provider's batch API. */
    static BatchChannel provider(BatchSubmitter submitter) {
        return submitter::run;
    }
}
