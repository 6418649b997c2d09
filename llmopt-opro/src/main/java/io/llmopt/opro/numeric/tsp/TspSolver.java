package io.llmopt.opro.numeric.tsp;

/** Produces a reference tour for an instance; heuristics, exact search and external solvers alike. */
@FunctionalInterface
public interface TspSolver {

    TspReference solve(TspInstance instance);
}
