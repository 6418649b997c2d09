package io.llmopt.bpo.pairs;

import java.util.Objects;

/**
 * What became of one preference record.
 *
 * @param recordId the record's id
 * @param status   kept, filtered (the reply was unusable or a filter dropped it) or failed (the
 *                 model call failed; worth retrying, unlike a filtered record)
 * @param pair     the pair, present when kept and when dropped by a filter
 * @param reason   why it was filtered or failed; null when kept
 * @param reply    the LLM's raw reply, null when the call failed
 */
public record PairOutcome(String recordId, Status status, OptimizedPair pair, String reason, String reply) {

    /** The three ways a record can end. */
    public enum Status { KEPT, FILTERED, FAILED }

    public PairOutcome {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(status, "status");
    }

    static PairOutcome kept(OptimizedPair pair, String reply) {
        return new PairOutcome(pair.recordId(), Status.KEPT, pair, null, reply);
    }

    static PairOutcome filtered(String recordId, OptimizedPair pair, String reason, String reply) {
        return new PairOutcome(recordId, Status.FILTERED, pair, reason, reply);
    }

    static PairOutcome failed(String recordId, String reason) {
        return new PairOutcome(recordId, Status.FAILED, null, reason, null);
    }
}
