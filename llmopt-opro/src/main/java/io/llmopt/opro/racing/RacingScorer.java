package io.llmopt.opro.racing;

import java.util.concurrent.CompletableFuture;

/**
 * Scores one instruction on one training example: formats the scorer prompt, calls the scorer
 * model, parses and grades the answer. Asynchronous, so racing can keep many calls in flight at
 * once and let the model stack's limits decide how many run in parallel.
 */
@FunctionalInterface
public interface RacingScorer {

    /**
     * @param instruction  the candidate instruction
     * @param exampleIndex the training example's index in the split
     * @return completes with whether the scorer's answer is correct, or exceptionally when the
     *         call failed for good (retries belong in the model stack); a failure fails the race
     */
    CompletableFuture<Boolean> score(String instruction, int exampleIndex);
}
