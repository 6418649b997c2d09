package io.llmopt.opro.numeric.blackbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Runs a {@link Baseline} on an objective with a fixed evaluation budget, the same budget an
 * OPRO run had, and records the best value after every evaluation.
 *
 * <p>Nelder–Mead and CMA-ES search the unit cube, mapped onto each parameter's range, snapped to
 * its grid (integers, steps) and clipped to its bounds, so every evaluated point is a valid
 * candidate. Evaluations run one at a time: these optimizers are sequential. A failed evaluation
 * counts against the budget and is seen by the optimizer as the worst possible value.
 */
public final class BaselineRunner {

    private final SearchSpace space;
    private final Objective objective;

    public BaselineRunner(SearchSpace space, Objective objective) {
        this.space = Objects.requireNonNull(space, "space");
        this.objective = Objects.requireNonNull(objective, "objective");
    }

    public BaselineResult run(Baseline baseline, int budget, long seed) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1");
        }
        if (baseline != Baseline.RANDOM_SEARCH && !space.isNumeric()) {
            throw new IllegalArgumentException(baseline + " needs a space of numeric parameters only; use RANDOM_SEARCH");
        }
        Recorder recorder = new Recorder(budget);
        switch (baseline) {
            case RANDOM_SEARCH -> {
                RandomCandidates random = new RandomCandidates(space, seed);
                while (!recorder.exhausted()) {
                    recorder.evaluate(random.next());
                }
            }
            case NELDER_MEAD -> runQuietly(recorder, () -> {
                int d = space.parameters().size();
                new SimplexOptimizer(1e-12, 1e-12).optimize(new MaxEval(Integer.MAX_VALUE), new MaxIter(Integer.MAX_VALUE),
                        new ObjectiveFunction(u -> recorder.evaluateUnit(u)), GoalType.MINIMIZE,
                        new InitialGuess(centre(d)), new NelderMeadSimplex(d, 0.25));
            });
            case CMA_ES -> runQuietly(recorder, () -> {
                int d = space.parameters().size();
                double[] sigma = new double[d];
                java.util.Arrays.fill(sigma, 0.3);
                double[] lower = new double[d];
                double[] upper = new double[d];
                java.util.Arrays.fill(upper, 1.0);
                int population = 4 + (int) (3 * Math.log(d));
                new CMAESOptimizer(Integer.MAX_VALUE, Double.NEGATIVE_INFINITY, true, 0, 0, new MersenneTwister(seed), false, null)
                        .optimize(new MaxEval(Integer.MAX_VALUE), new MaxIter(Integer.MAX_VALUE),
                                new ObjectiveFunction(u -> recorder.evaluateUnit(u)), GoalType.MINIMIZE,
                                new InitialGuess(centre(d)), new SimpleBounds(lower, upper),
                                new CMAESOptimizer.Sigma(sigma), new CMAESOptimizer.PopulationSize(population));
            });
        }
        return recorder.result(baseline);
    }

    /**
     * Runs until the recorder ends the optimizer at the budget. An optimizer that converges
     * earlier leaves a shorter curve ({@link BaselineResult#evaluations()}); restarting it would
     * change the method being compared.
     */
    private static void runQuietly(Recorder recorder, Runnable optimization) {
        try {
            optimization.run();
        } catch (BudgetExhausted endOfBudget) {
            // The normal end of a baseline run.
        }
    }

    private static double[] centre(int d) {
        double[] c = new double[d];
        java.util.Arrays.fill(c, 0.5);
        return c;
    }

    private static final class BudgetExhausted extends RuntimeException {
        BudgetExhausted() {
            super("evaluation budget exhausted", null, false, false);
        }
    }

    /** Evaluates candidates, keeps the best-so-far curve, and stops optimizers at the budget. */
    private final class Recorder {
        private final int budget;
        private final List<Double> curve = new ArrayList<>();
        private Candidate best;
        private double bestValue = Double.NaN;
        private int failed;

        Recorder(int budget) {
            this.budget = budget;
        }

        boolean exhausted() {
            return curve.size() >= budget;
        }

        double evaluate(Candidate candidate) {
            if (exhausted()) {
                throw new BudgetExhausted();
            }
            double value;
            try {
                value = objective.evaluate(candidate).join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                value = Double.NaN;
            }
            if (!Double.isFinite(value)) {
                failed++;
            } else if (best == null || space.direction().isBetter(value, bestValue)) {
                best = candidate;
                bestValue = value;
            }
            curve.add(bestValue);
            if (!Double.isFinite(value)) {
                return Double.MAX_VALUE;
            }
            // The optimizers minimize; flip the sign for maximization.
            return space.direction() == io.llmopt.opro.numeric.Direction.MINIMIZE ? value : -value;
        }

        double evaluateUnit(double[] u) {
            return evaluate(fromUnit(u));
        }

        BaselineResult result(Baseline baseline) {
            return new BaselineResult(baseline, curve.stream().mapToDouble(Double::doubleValue).toArray(), best, bestValue, failed);
        }
    }

    /** Maps a point of the unit cube onto the space: scaled, snapped to the grid, clipped. */
    Candidate fromUnit(double[] u) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < u.length; i++) {
            Parameter.Numeric p = (Parameter.Numeric) space.parameters().get(i);
            double t = Math.min(1, Math.max(0, u[i]));
            double v = p.min() + t * (p.max() - p.min());
            if (p.step() != null) {
                v = p.min() + Math.rint((v - p.min()) / p.step()) * p.step();
                while (v > p.max() + 1e-12) {
                    v -= p.step();
                }
            }
            if (p.integer()) {
                v = Math.rint(v);
                if (v > p.max()) {
                    v = Math.floor(p.max());
                } else if (v < p.min()) {
                    v = Math.ceil(p.min());
                }
                values.put(p.name(), (long) v);
            } else {
                values.put(p.name(), Math.min(p.max(), Math.max(p.min(), v)));
            }
        }
        return new Candidate(values);
    }
}
