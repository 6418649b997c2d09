package io.llmopt.opro.numeric.linreg;

import io.llmopt.opro.numeric.NumericRunResult;

/**
 * One repetition of the linear-regression experiment.
 *
 * @param seed    the repetition's seed (data noise; starting points use 10·seed and 100·seed)
 * @param optimum the pair the run was looking for
 * @param result  the optimizer run
 */
public record LinRegRun(long seed, WbPair optimum, NumericRunResult<WbPair> result) {

    /** Unique (w, b) pairs the optimizer proposed and had evaluated (starting points excluded). */
    public int uniquePairsExplored() {
        return result.proposedEvaluationCount();
    }
}
