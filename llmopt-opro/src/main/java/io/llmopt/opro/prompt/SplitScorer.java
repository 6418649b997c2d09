package io.llmopt.opro.prompt;

import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Scores a candidate on the examples of a split, recording as it goes and reusing what an earlier
 * attempt of the run recorded, so nothing is computed twice.
 */
interface SplitScorer {

    /**
     * @param onExampleDone called once per example newly scored (not for reused ones), for progress
     */
    CompletableFuture<CandidateScore> score(long candidateId, String instruction, Split split, List<Example> examples,
                                            Runnable onExampleDone);

    /**
     * Scores a new candidate whose id is not known yet: the scoring may start at once, and what it
     * records waits for {@code candidateId}. For a candidate with nothing stored, so nothing is
     * restored. The default starts only once the id is known.
     */
    default CompletableFuture<CandidateScore> scoreBeforeId(CompletableFuture<Long> candidateId, String instruction,
                                                            Split split, List<Example> examples,
                                                            Runnable onExampleDone) {
        return candidateId.thenCompose(id -> score(id, instruction, split, examples, onExampleDone));
    }

    /** Whether scores come with per-example outcomes (needed for intervals and paired tests). */
    boolean perExample();
}
