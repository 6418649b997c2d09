package io.llmopt.opro.prompt;

import io.llmopt.core.store.ExampleResult;
import io.llmopt.opro.data.Example;
import java.util.concurrent.CompletableFuture;

/**
 * Scores an instruction on one example: the scorer model and a grader ({@link LlmExampleScorer}),
 * or any metric a user brings ({@link #fromMetric}). Implementations are thread-safe; the loop
 * issues every example of every candidate of a step at once and lets the model stack bound them.
 */
public interface ExampleScorer {

    CompletableFuture<ExampleOutcome> score(String instruction, Example example);

    /**
     * The outcome a stored result stands for, so a resumed run reuses it instead of scoring again.
     * The default reads a graded answer: correct is 1, wrong is 0.
     */
    default ExampleOutcome restore(ExampleResult stored) {
        return new ExampleOutcome(stored.exampleId(), stored.promptHash(), stored.output(), stored.parsedAnswer(),
                stored.correct() ? 1.0 : 0.0, TextTokenEstimate.of(stored.output()), stored.truncated());
    }

    /** The stored form of an outcome; {@link #restore} must read it back. */
    default ExampleResult toStored(String runId, long candidateId, io.llmopt.core.store.Split split,
                                   ExampleOutcome outcome) {
        return new ExampleResult(runId, candidateId, split, outcome.exampleId(), outcome.promptHash(),
                outcome.output(), outcome.parsedAnswer(), outcome.correct(), outcome.truncated());
    }

    /**
     * A per-example metric as a scorer: for tasks no built-in grader knows. The metric's value is
     * stored as the result's parsed answer (and "correct" means at least 0.5), so resume restores
     * it exactly.
     */
    static ExampleScorer fromMetric(ExampleMetric metric) {
        return new MetricExampleScorer(metric);
    }
}
