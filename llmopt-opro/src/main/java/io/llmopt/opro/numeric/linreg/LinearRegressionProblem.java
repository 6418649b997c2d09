package io.llmopt.opro.numeric.linreg;

import io.llmopt.opro.numeric.Direction;
import io.llmopt.opro.numeric.Evaluation;
import io.llmopt.opro.numeric.NumericProblem;
import io.llmopt.opro.numeric.Parsed;
import io.llmopt.opro.random.NumpyRandom;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The paper's linear-regression problem (OPRO section 3.1): minimize the sum of squared residuals
 * over integer (w, b), starting from 5 points drawn uniformly in [10, 20] and rounded.
 */
public final class LinearRegressionProblem implements NumericProblem<WbPair> {

    private final LinearRegressionData data;
    private final List<WbPair> startingPoints;
    private final WbPair optimum;
    private final int maxPairs;

    public LinearRegressionProblem(LinearRegressionData data, List<WbPair> startingPoints, WbPair optimum, int maxPairs) {
        this.data = Objects.requireNonNull(data, "data");
        this.startingPoints = List.copyOf(startingPoints);
        this.optimum = Objects.requireNonNull(optimum, "optimum");
        if (maxPairs < 1) {
            throw new IllegalArgumentException("maxPairs must be at least 1");
        }
        this.maxPairs = maxPairs;
    }

    /** Repetition {@code seed} of the reference experiment (it uses seeds 1..5), 50 points. */
    public static LinearRegressionProblem reference(long wTrue, long bTrue, long seed, OptimumCriterion criterion) {
        LinearRegressionData data = LinearRegressionData.generate(wTrue, bTrue, 50, seed);
        WbPair optimum = criterion == OptimumCriterion.TRUE_PARAMETERS
                ? new WbPair(wTrue, bTrue)
                : IntegerLeastSquares.bestIntegerPair(data);
        return new LinearRegressionProblem(data, startingPoints(seed, 5), optimum, LinRegMetaPrompt.DEFAULT_MAX_PAIRS);
    }

    /**
     * The reference's starting points: w from seed {@code 10·seed}, b from seed {@code 100·seed},
     * uniform in [10, 20], rounded half-to-even, de-duplicated and sorted (np.unique).
     */
    public static List<WbPair> startingPoints(long seed, int count) {
        double[] w = new NumpyRandom(seed * 10).uniform(10, 20, count);
        double[] b = new NumpyRandom(seed * 100).uniform(10, 20, count);
        TreeSet<WbPair> unique = new TreeSet<>((p, q) -> p.w() != q.w() ? Long.compare(p.w(), q.w()) : Long.compare(p.b(), q.b()));
        for (int i = 0; i < count; i++) {
            unique.add(new WbPair((long) Math.rint(w[i]), (long) Math.rint(b[i])));
        }
        return List.copyOf(unique);
    }

    public LinearRegressionData data() {
        return data;
    }

    public WbPair optimum() {
        return optimum;
    }

    @Override
    public Direction direction() {
        return Direction.MINIMIZE;
    }

    @Override
    public List<WbPair> startingSolutions() {
        return startingPoints;
    }

    @Override
    public String metaPrompt(List<Evaluation<WbPair>> scored) {
        return LinRegMetaPrompt.build(scored, maxPairs);
    }

    @Override
    public Parsed<WbPair> parse(String optimizerOutput) {
        return LinRegOutputParser.parse(optimizerOutput);
    }

    @Override
    public CompletableFuture<Double> evaluate(WbPair solution) {
        return CompletableFuture.completedFuture(data.loss(solution.w(), solution.b()));
    }

    @Override
    public String key(WbPair solution) {
        return solution.key();
    }

    @Override
    public boolean isOptimal(WbPair solution, double value) {
        return solution.equals(optimum);
    }
}
