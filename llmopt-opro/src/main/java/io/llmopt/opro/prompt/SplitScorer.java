package io.llmopt.opro.prompt;

import io.llmopt.opro.data.Example;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Scores an instruction on the examples of a split: a pure computation, it writes nothing. What a
 * run stores, and what it reuses from an earlier attempt, is the business of the one
 * {@link RecordingScorer} around it.
 */
sealed interface SplitScorer permits PerExampleSplitScorer, WholeInstructionSplitScorer {

    /**
     * @param onExampleDone called once per example scored, for progress (never, for a scorer
     *                      without per-example results)
     */
    CompletableFuture<CandidateScore> score(String instruction, List<Example> examples, Runnable onExampleDone);

    /** Whether scores come with per-example outcomes (needed for intervals, paired tests and racing). */
    boolean perExample();
}
