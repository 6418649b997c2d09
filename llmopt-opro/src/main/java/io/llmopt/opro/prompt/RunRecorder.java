package io.llmopt.opro.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.report.RunKinds;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.EventLevel;
import io.llmopt.core.store.EventRecord;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.StepRecord;
import io.llmopt.core.store.WorkItem;
import io.llmopt.opro.data.Example;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a prompt optimization writes into its {@link RunContext}'s store, or nowhere (in-memory
 * runs, which cannot be resumed). Writes are queued by the store; each call here is one unit of
 * work, which is what makes resume exact: an example result, a candidate, a score, a step.
 */
public final class RunRecorder {

    /** Work-item kind of the examples' text: key = example id, payload {split, question, target}. */
    public static final String EXAMPLE_KIND = RunKinds.OPRO_EXAMPLE_ITEM;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunContext context;
    private final RunStore store;
    private final String runId;
    private final AtomicLong memoryIds = new AtomicLong(1);

    private RunRecorder(RunContext context) {
        this.context = context;
        this.store = context.persistent() ? context.store() : null;
        this.runId = context.runId();
    }

    /**
     * Records into the run of {@code context} (created by the caller, e.g. {@link RunStore#createRun}),
     * or nowhere when the context is in memory.
     */
    public static RunRecorder of(RunContext context) {
        Objects.requireNonNull(context, "context");
        if (context.persistent() && context.store().run(context.runId()).isEmpty()) {
            throw new IllegalArgumentException("no run '" + context.runId() + "' in the store " + context.store().file());
        }
        return new RunRecorder(context);
    }

    /** Records into run {@code runId} of {@code store}, telling no one. */
    public static RunRecorder of(RunStore store, String runId) {
        return of(RunContext.of(store, runId));
    }

    public String runId() {
        return runId;
    }

    /** The run this records into: whom to tell, when to stop. */
    RunContext context() {
        return context;
    }

    public boolean persistent() {
        return store != null;
    }

    long newCandidateId() {
        return store != null ? store.nextCandidateId(runId) : memoryIds.getAndIncrement();
    }

    /**
     * Records the text of the examples a run uses, once per run, so the per-example results the
     * store keeps by id can be shown with their question and target (reports, dashboard) without
     * the data set at hand. Already recorded ids are skipped, which keeps resume cheap.
     */
    void examples(Split split, List<Example> examples) {
        if (store == null || examples.isEmpty()) {
            return;
        }
        Set<String> known = store.workItemKeys(runId, EXAMPLE_KIND, WorkItem.DONE);
        List<WorkItem> items = new ArrayList<>();
        for (Example e : examples) {
            if (!known.contains(e.id())) {
                ObjectNode payload = JSON.createObjectNode().put("split", split.wireName())
                        .put("question", e.question()).put("target", e.target());
                items.add(WorkItem.done(runId, EXAMPLE_KIND, e.id(), payload.toString()));
            }
        }
        if (!items.isEmpty()) {
            store.transaction(tx -> items.forEach(tx::workItem));
        }
    }

    void step(StepRecord step) {
        if (store != null) {
            store.recordStep(step);
        }
    }

    void candidate(CandidateRecord candidate) {
        if (store != null) {
            store.recordCandidate(candidate);
        }
    }

    void exampleResult(ExampleResult result) {
        if (store != null) {
            store.recordExampleResult(result);
        }
    }

    void score(long candidateId, Split split, double score, Double penalized) {
        if (store != null) {
            store.recordScore(runId, candidateId, split, score, penalized);
        }
    }

    void event(RunEvent event) {
        if (store != null) {
            EventLevel level = EventLevel.valueOf(event.level().name());
            store.recordEvent(new EventRecord(runId, event.time(), level, event.type(), event.message(),
                    JSON.valueToTree(event.data()).toString()));
        }
    }

    void status(RunStatus status) {
        if (store != null) {
            store.updateStatus(runId, status);
        }
    }

    void summary(JsonNode summary) {
        if (store != null) {
            store.updateSummary(runId, summary);
        }
    }

    /** Waits until everything recorded so far is committed. */
    void flush() {
        if (store != null) {
            store.flush();
        }
    }

    // ---- what an earlier attempt of this run left

    List<StepRecord> steps() {
        return store == null ? List.of() : store.steps(runId);
    }

    List<CandidateRecord> candidates() {
        return store == null ? List.of() : store.candidates(runId);
    }

    List<ExampleResult> exampleResults(long candidateId, Split split) {
        return store == null ? List.of() : store.exampleResults(runId, candidateId, split);
    }

    static Instant now() {
        return Instant.now();
    }
}
