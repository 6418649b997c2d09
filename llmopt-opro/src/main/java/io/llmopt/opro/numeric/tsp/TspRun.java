package io.llmopt.opro.numeric.tsp;

import io.llmopt.opro.numeric.NumericRunResult;

/**
 * One repetition of the TSP experiment, with the construction heuristics' tours on the same
 * instance for comparison (the paper's table puts them side by side).
 *
 * @param seed              the repetition's seed (instance and random starting tours)
 * @param problem           the problem the run solved, with its reference
 * @param result            the optimizer run
 * @param nearestNeighbour  the nearest-neighbour tour of the instance
 * @param farthestInsertion the farthest-insertion tour of the instance
 */
public record TspRun(long seed, TspProblem problem, NumericRunResult<Tour> result, TspReference nearestNeighbour,
                     TspReference farthestInsertion) {

    public TspRunReport report() {
        return TspRunReport.of(result, problem.referenceTour());
    }
}
