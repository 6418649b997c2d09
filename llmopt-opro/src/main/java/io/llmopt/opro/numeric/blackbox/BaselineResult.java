package io.llmopt.opro.numeric.blackbox;

/**
 * A baseline run: the best value after each evaluation, for curves against the OPRO run.
 *
 * @param baseline       which baseline
 * @param bestSoFar      element i is the best value among evaluations 0..i (NaN until one succeeds)
 * @param best           the best candidate, or null when every evaluation failed
 * @param bestValue      its value, or NaN
 * @param failedEvaluations evaluations that failed (counted against the budget)
 */
public record BaselineResult(Baseline baseline, double[] bestSoFar, Candidate best, double bestValue, int failedEvaluations) {

    public int evaluations() {
        return bestSoFar.length;
    }
}
