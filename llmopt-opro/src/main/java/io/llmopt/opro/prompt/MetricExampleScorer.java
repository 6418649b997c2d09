package io.llmopt.opro.prompt;

import io.llmopt.core.store.ExampleResult;
import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** An {@link ExampleMetric} as an {@link ExampleScorer}; the value travels in the parsed-answer column. */
final class MetricExampleScorer implements ExampleScorer {

    private final ExampleMetric metric;

    MetricExampleScorer(ExampleMetric metric) {
        this.metric = Objects.requireNonNull(metric, "metric");
    }

    @Override
    public CompletableFuture<ExampleOutcome> score(String instruction, Example example) {
        return metric.score(instruction, example).thenApply(value -> {
            if (value == null) {
                throw new IllegalStateException("the metric returned no score for example " + example.id());
            }
            return new ExampleOutcome(example.id(), null, "", Double.toString(value), value, 0);
        });
    }

    @Override
    public ExampleOutcome restore(ExampleResult stored) {
        return new ExampleOutcome(stored.exampleId(), stored.promptHash(), stored.output(), stored.parsedAnswer(),
                Double.parseDouble(stored.parsedAnswer()), 0);
    }

    @Override
    public ExampleResult toStored(String runId, long candidateId, Split split, ExampleOutcome outcome) {
        return new ExampleResult(runId, candidateId, split, outcome.exampleId(), outcome.promptHash(), outcome.output(),
                Double.toString(outcome.score()), outcome.correct());
    }
}
