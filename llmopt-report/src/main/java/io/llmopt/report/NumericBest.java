package io.llmopt.report;

import io.llmopt.report.payload.NumericEvaluation;
import io.llmopt.report.payload.NumericSummary;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;

/** The best value of a numeric run: the summary's, else the best successful evaluation so far (a live run). */
public final class NumericBest {

    private NumericBest() {
    }

    /** The best value, or null when nothing was evaluated successfully yet. */
    public static Double of(RunStore store, RunRecord run) {
        NumericSummary s = NumericSummary.parse(run.summaryJson());
        if (s.bestValue() != null) {
            return s.bestValue();
        }
        return store.workItems(run.id(), NumericEvaluation.KIND).stream().filter(i -> i.payloadJson() != null)
                .map(NumericEvaluation::from).filter(NumericEvaluation::succeeded).map(NumericEvaluation::value)
                .reduce((a, b) -> s.maximizing() ? Math.max(a, b) : Math.min(a, b)).orElse(null);
    }
}
