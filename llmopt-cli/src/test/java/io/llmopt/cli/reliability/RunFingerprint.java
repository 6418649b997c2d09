package io.llmopt.cli.reliability;

import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.core.store.WorkItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a run computed, as lines that two runs can be compared by: candidates with their scores,
 * every per-example result, every work item. Times, ids of calls and costs are left out; they
 * differ between equal runs.
 */
final class RunFingerprint {

    private RunFingerprint() {
    }

    static List<String> of(RunStore store, String runId) {
        store.flush();
        List<String> lines = new ArrayList<>();
        for (CandidateRecord c : store.candidates(runId)) {
            lines.add("candidate " + c.id() + " step " + c.step() + " " + c.status() + " " + c.reason() + " [" + c.text() + "] "
                    + c.trainScore() + " " + c.validationScore() + " " + c.testScore() + " " + c.penalizedScore());
            for (Split split : Split.values()) {
                store.exampleResults(runId, c.id(), split).stream()
                        .sorted(Comparator.comparing(ExampleResult::exampleId))
                        .forEach(r -> lines.add("  " + split + " " + r.exampleId() + " " + r.correct() + " [" + r.parsedAnswer()
                                + "] [" + r.output() + "]"));
            }
        }
        store.workItems(runId).stream()
                .sorted(Comparator.comparing(WorkItem::kind).thenComparing(WorkItem::key))
                .forEach(w -> lines.add("item " + w.kind() + " " + w.key() + " " + w.status() + " " + w.payloadJson()));
        return lines;
    }
}
