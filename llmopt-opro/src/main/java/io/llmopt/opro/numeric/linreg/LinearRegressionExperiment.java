package io.llmopt.opro.numeric.linreg;

import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericRunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Repeats the linear-regression run with seeds 1..repetitions for a (w_true, b_true), as the
 * reference does, and summarises the repetitions.
 */
public final class LinearRegressionExperiment {

    /** The reference's {@code num_reps}. */
    public static final int DEFAULT_REPETITIONS = 5;

    private final NumericOptimizer optimizer;
    private final int repetitions;
    private final OptimumCriterion criterion;

    public LinearRegressionExperiment(NumericOptimizer optimizer, int repetitions, OptimumCriterion criterion) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1");
        }
        this.repetitions = repetitions;
    }

    public LinRegSummary run(long wTrue, long bTrue) {
        return run(wTrue, bTrue, NumericRunListener.none());
    }

    public LinRegSummary run(long wTrue, long bTrue, NumericRunListener<WbPair> listener) {
        List<LinRegRun> runs = new ArrayList<>();
        for (long seed = 1; seed <= repetitions; seed++) {
            LinearRegressionProblem problem = LinearRegressionProblem.reference(wTrue, bTrue, seed, criterion);
            runs.add(new LinRegRun(seed, problem.optimum(), optimizer.run(problem, listener)));
        }
        return new LinRegSummary(wTrue, bTrue, runs);
    }
}
