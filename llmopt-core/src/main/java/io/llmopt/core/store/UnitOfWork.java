package io.llmopt.core.store;

import io.llmopt.core.accounting.LlmCallRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The writes of one unit of work, collected and then committed in a single transaction: either
 * all of them are in the store or none is. Resume is exact because a unit (e.g. a candidate's
 * results on one example plus the calls that produced them, or a whole step) is never half there.
 *
 * <p>Obtained from {@link RunStore#transaction}; not thread-safe, and only valid inside the
 * callback. Methods return {@code this} for chaining.
 */
public final class UnitOfWork {

    private final List<WriteOp> ops = new ArrayList<>();

    UnitOfWork() {
    }

    public UnitOfWork step(StepRecord step) {
        Objects.requireNonNull(step, "step");
        ops.add(w -> w.step(step));
        return this;
    }

    public UnitOfWork candidate(CandidateRecord candidate) {
        Objects.requireNonNull(candidate, "candidate");
        ops.add(w -> w.candidate(candidate));
        return this;
    }

    /** Sets a candidate's score on one split, and its penalized score when not null. */
    public UnitOfWork score(String runId, long candidateId, Split split, double score, Double penalizedScore) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(split, "split");
        ops.add(w -> w.score(runId, candidateId, split, score, penalizedScore));
        return this;
    }

    public UnitOfWork exampleResult(ExampleResult result) {
        Objects.requireNonNull(result, "result");
        ops.add(w -> w.exampleResult(result));
        return this;
    }

    public UnitOfWork event(EventRecord event) {
        Objects.requireNonNull(event, "event");
        ops.add(w -> w.event(event));
        return this;
    }

    public UnitOfWork workItem(WorkItem item) {
        Objects.requireNonNull(item, "item");
        ops.add(w -> w.workItem(item));
        return this;
    }

    /** Records a model call in the run's call log (null runId: the store-wide log). */
    public UnitOfWork call(String runId, LlmCallRecord call) {
        Objects.requireNonNull(call, "call");
        ops.add(w -> w.call(runId, call));
        return this;
    }

    public UnitOfWork status(String runId, RunStatus status) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Instant now = Instant.now();
        ops.add(w -> w.updateStatus(runId, status, now));
        return this;
    }

    public UnitOfWork summary(String runId, String summaryJson) {
        Objects.requireNonNull(runId, "runId");
        ops.add(w -> w.updateSummary(runId, summaryJson));
        return this;
    }

    int size() {
        return ops.size();
    }

    /** The collected writes as one op; the writer applies it within one transaction. */
    WriteOp toOp() {
        List<WriteOp> frozen = List.copyOf(ops);
        return w -> {
            for (WriteOp op : frozen) {
                op.apply(w);
            }
        };
    }
}
