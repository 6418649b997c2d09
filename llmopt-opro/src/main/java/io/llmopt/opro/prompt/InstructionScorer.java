package io.llmopt.opro.prompt;

import io.llmopt.opro.data.Example;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A user's score for a whole instruction (higher is better), when per-example scores do not
 * exist: a benchmark harness, an A/B metric. It gets the examples of the split being scored
 * (empty when the optimization was given none). Without per-example results a run stores only
 * the scores, and the final evaluation has no confidence intervals or paired tests.
 */
@FunctionalInterface
public interface InstructionScorer {

    CompletableFuture<Double> score(String instruction, List<Example> examples);
}
