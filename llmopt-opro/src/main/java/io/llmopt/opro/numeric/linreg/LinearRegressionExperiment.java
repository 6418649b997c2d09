package io.llmopt.opro.numeric.linreg;

import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericRunListener;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.StopReason;
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
        return repeat(wTrue, bTrue, repetitions, criterion, (seed, problem) -> optimizer.run(problem, listener));
    }

    /** Runs one repetition's problem to its result: in memory, or as a stored run (the CLI). */
    @FunctionalInterface
    public interface Repetition {
        NumericRunResult<WbPair> run(long seed, LinearRegressionProblem problem);
    }

    /**
     * The experiment with each repetition run by {@code repetition}: seeds 1..repetitions, as the
     * reference does; a repetition that was stopped ends the experiment there.
     */
    public static LinRegSummary repeat(long wTrue, long bTrue, int repetitions, OptimumCriterion criterion,
                                       Repetition repetition) {
        List<LinRegRun> runs = new ArrayList<>();
        for (long seed = 1; seed <= repetitions; seed++) {
            LinearRegressionProblem problem = LinearRegressionProblem.reference(wTrue, bTrue, seed, criterion);
            NumericRunResult<WbPair> result = repetition.run(seed, problem);
            runs.add(new LinRegRun(seed, problem.optimum(), result));
            if (result.stopReason() == StopReason.STOPPED) {
                break;
            }
        }
        return new LinRegSummary(wTrue, bTrue, runs);
    }
}
