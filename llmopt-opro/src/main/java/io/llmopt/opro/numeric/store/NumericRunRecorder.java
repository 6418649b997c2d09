package io.llmopt.opro.numeric.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.StepRecord;
import io.llmopt.core.store.UnitOfWork;
import io.llmopt.core.store.WorkItem;
import io.llmopt.opro.numeric.Evaluation;
import io.llmopt.opro.numeric.NumericRunListener;
import io.llmopt.opro.numeric.Rejection;
import io.llmopt.opro.numeric.StepResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes each finished step of a numeric run into the run store as one unit of work: the step
 * (with its meta-prompt), one {@link NumericRunKinds#EVALUATION} item per evaluation, one
 * {@link NumericRunKinds#REJECTION} item per rejected output and the {@link NumericRunKinds#STEP}
 * item. Because the unit is committed whole or not at all, a resumed run finds either the whole
 * step or none of it, and never evaluates a recorded step again.
 *
 * <p>Writes are queued, not awaited; call {@link RunStore#flush} before reading them back.
 *
 * @param <S> the solution type
 */
public final class NumericRunRecorder<S> implements NumericRunListener<S> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunStore store;
    private final String runId;
    private final SolutionCodec<S> codec;
    private Instant lastFinished = Instant.now();

    public NumericRunRecorder(RunStore store, String runId, SolutionCodec<S> codec) {
        this.store = Objects.requireNonNull(store, "store");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public void onStep(StepResult<S> step) {
        // The loop calls listeners right after a step, so the previous call marks this step's start.
        Instant started = lastFinished;
        Instant finished = Instant.now();
        lastFinished = finished;
        store.transaction(unit -> record(unit, step, started, finished));
    }

    private void record(UnitOfWork unit, StepResult<S> step, Instant started, Instant finished) {
        unit.step(new StepRecord(runId, step.step(), step.metaPrompt(), started, finished));
        List<Evaluation<S>> evaluations = step.evaluations();
        for (int i = 0; i < evaluations.size(); i++) {
            unit.workItem(WorkItem.done(runId, NumericRunKinds.EVALUATION, NumericRunKinds.itemKey(step.step(), i),
                    json(evaluationPayload(step.step(), i, evaluations.get(i)))));
        }
        List<Rejection> rejections = step.rejections();
        for (int i = 0; i < rejections.size(); i++) {
            Rejection r = rejections.get(i);
            ObjectNode payload = JSON.createObjectNode().put("step", step.step()).put("index", i)
                    .put("output", step.rejectedOutputs().get(i)).put("raw", step.rejectedOutput(i))
                    .put("reason", r.reason()).put("detail", r.detail());
            unit.workItem(WorkItem.done(runId, NumericRunKinds.REJECTION, NumericRunKinds.itemKey(step.step(), i), json(payload)));
        }
        ObjectNode stepPayload = JSON.createObjectNode().put("step", step.step()).put("duplicates", step.duplicates());
        ArrayNode outputs = stepPayload.putArray("outputs");
        step.outputs().forEach(outputs::add);
        unit.workItem(WorkItem.done(runId, NumericRunKinds.STEP, NumericRunKinds.itemKey(step.step(), 0), json(stepPayload)));
    }

    private ObjectNode evaluationPayload(int step, int index, Evaluation<S> e) {
        ObjectNode payload = JSON.createObjectNode().put("step", step).put("index", index);
        payload.set("solution", codec.toJson(e.solution()));
        if (e.succeeded()) {
            payload.put("value", e.value());
        } else {
            payload.putNull("value");
            payload.put("error", e.error());
        }
        payload.put("key", e.key());
        return payload;
    }

    private static String json(ObjectNode node) {
        return node.toString();
    }
}
