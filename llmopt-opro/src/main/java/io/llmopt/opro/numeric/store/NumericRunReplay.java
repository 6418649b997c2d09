package io.llmopt.opro.numeric.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.StepRecord;
import io.llmopt.core.store.StoreException;
import io.llmopt.core.store.WorkItem;
import io.llmopt.opro.numeric.Evaluation;
import io.llmopt.opro.numeric.NumericProblem;
import io.llmopt.opro.numeric.RecordedStep;
import io.llmopt.opro.numeric.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the steps a {@link NumericRunRecorder} wrote back into {@link RecordedStep}s, for
 * {@link io.llmopt.opro.numeric.NumericOptimizer#resume}. Only finished steps count, and only the
 * leading run of them without a gap: a step is one unit of work, so it is whole or absent.
 */
public final class NumericRunReplay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NumericRunReplay() {
    }

    /**
     * The recorded steps of {@code runId}, in order; empty for a run that has not finished step 0.
     *
     * @param problem used to recompute solution keys, so a changed key function cannot let a
     *                solution be evaluated twice
     */
    public static <S> List<RecordedStep<S>> load(RunStore store, String runId, NumericProblem<S> problem,
                                                 SolutionCodec<S> codec) {
        store.flush();
        Map<Integer, List<JsonNode>> evaluations = byStep(store.workItems(runId, NumericRunKinds.EVALUATION));
        Map<Integer, List<JsonNode>> rejections = byStep(store.workItems(runId, NumericRunKinds.REJECTION));
        Map<Integer, List<JsonNode>> stepItems = byStep(store.workItems(runId, NumericRunKinds.STEP));
        List<RecordedStep<S>> steps = new ArrayList<>();
        for (StepRecord record : store.steps(runId)) {
            if (!record.finished() || record.index() != steps.size() || !stepItems.containsKey(record.index())) {
                break;
            }
            int index = record.index();
            JsonNode stepItem = stepItems.get(index).get(0);
            List<String> outputs = new ArrayList<>();
            stepItem.path("outputs").forEach(o -> outputs.add(o.asText()));
            List<Rejection> rejected = new ArrayList<>();
            List<Integer> rejectedOutputs = new ArrayList<>();
            for (JsonNode r : rejections.getOrDefault(index, List.of())) {
                rejected.add(Rejection.of(r.path("reason").asText(), r.path("detail").asText()));
                rejectedOutputs.add(r.path("output").asInt());
            }
            List<Evaluation<S>> evaluated = new ArrayList<>();
            for (JsonNode e : evaluations.getOrDefault(index, List.of())) {
                S solution = codec.fromJson(e.path("solution"));
                String key = problem.key(solution);
                evaluated.add(e.path("value").isNumber()
                        ? Evaluation.success(solution, key, index, e.path("value").asDouble())
                        : Evaluation.failure(solution, key, index, e.path("error").asText("failed")));
            }
            String metaPrompt = record.metaPrompt() == null ? "" : record.metaPrompt();
            steps.add(new RecordedStep<>(index, metaPrompt, outputs, rejected, rejectedOutputs,
                    stepItem.path("duplicates").asInt(), evaluated));
        }
        return steps;
    }

    /** Items grouped by their step, each group in recorded order (item keys sort that way). */
    private static Map<Integer, List<JsonNode>> byStep(List<WorkItem> items) {
        Map<Integer, List<JsonNode>> grouped = new TreeMap<>();
        for (WorkItem item : items) {
            JsonNode payload = parse(item);
            grouped.computeIfAbsent(payload.path("step").asInt(), k -> new ArrayList<>()).add(payload);
        }
        return grouped;
    }

    private static JsonNode parse(WorkItem item) {
        try {
            return JSON.readTree(item.payloadJson());
        } catch (JsonProcessingException e) {
            throw new StoreException("run " + item.runId() + ": work item " + item.kind() + "/" + item.key()
                    + " has a payload that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
