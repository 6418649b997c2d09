package io.llmopt.opro.numeric.tsp;

import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericRunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Repeats the TSP run with seeds 1..repetitions for one number of points, as the reference
 * does, and summarises the optimality gaps.
 */
public final class TspExperiment {

    /** The reference's {@code num_reps}. */
    public static final int DEFAULT_REPETITIONS = 5;

    private final int repetitions;
    private final TourStart start;
    private final TspSolver reference;

    /**
     * @param reference the solver each run is measured against, e.g. {@link TspReferences#best}
     */
    public TspExperiment(int repetitions, TourStart start, TspSolver reference) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1");
        }
        this.repetitions = repetitions;
        this.start = Objects.requireNonNull(start, "start");
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /** The problem of repetition {@code seed}, for callers that run it themselves (e.g. recorded). */
    public TspProblem problem(int n, long seed) {
        return start.problem(n, seed, reference);
    }

    public TspSummary run(int n, NumericOptimizer optimizer) {
        return run(n, problem -> optimizer.run(problem));
    }

    /**
     * Runs every repetition through {@code runner}, which may record, resume or report progress;
     * it must run the problem it is given.
     */
    public TspSummary run(int n, Function<TspProblem, NumericRunResult<Tour>> runner) {
        List<TspRun> runs = new ArrayList<>();
        for (long seed = 1; seed <= repetitions; seed++) {
            TspProblem problem = problem(n, seed);
            NumericRunResult<Tour> result = runner.apply(problem);
            runs.add(new TspRun(seed, problem, result, new NearestNeighbourSolver().solve(problem.instance()),
                    new FarthestInsertionSolver().solve(problem.instance())));
        }
        return new TspSummary(n, start, runs);
    }
}
