package io.llmopt.opro.prompt;

import io.llmopt.opro.data.Example;
import java.util.concurrent.CompletableFuture;

/**
 * A user's per-example score for an instruction, 0 to 1: call your own model, run a program,
 * compare with a rubric. Wrap it with {@link ExampleScorer#fromMetric}.
 */
@FunctionalInterface
public interface ExampleMetric {

    CompletableFuture<Double> score(String instruction, Example example);
}
