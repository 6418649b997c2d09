package io.llmopt.opro.numeric.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.opro.numeric.Direction;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.StepResult;
import io.llmopt.opro.numeric.linreg.LinearRegressionProblem;
import io.llmopt.opro.numeric.linreg.WbPair;
import io.llmopt.opro.numeric.tsp.TspInstance;
import io.llmopt.opro.numeric.tsp.TspProblem;
import io.llmopt.opro.numeric.tsp.TspReference;
import io.llmopt.opro.numeric.tsp.Tour;

/**
 * The summary JSON stored on a numeric run, which {@code llmopt runs} and reports read:
 * <pre>
 * {best_value, best_solution, best_step, steps, proposals, evaluations, invalid, duplicates,
 *  stop_reason, reached_optimum, optimum_step, reference_value, reference_method, gap, best_curve,
 *  evaluations_curve, ...problem fields}
 * </pre>
 * {@code gap} is (best − reference) / |reference| as a ratio (0.0129 for 1.29%, as the report and
 * dashboard read it), positive when the best is worse
 * than the reference in the problem's direction; it and the reference fields are null when there
 * is no reference. {@code best_curve} holds the best value after each step, step 0 first, and
 * {@code evaluations_curve} the solutions evaluated by then, so curves over evaluations (the
 * baselines') can be drawn against it.
 * Linear regression adds {@code w_true, b_true, optimum: [w, b]}; TSP adds
 * {@code points: [[x, y]...], best_tour, reference_tour}.
 */
public final class NumericRunSummary {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NumericRunSummary() {
    }

    /** The fields every numeric run has; {@code referenceValue} null when there is no reference. */
    public static <S> ObjectNode of(NumericRunResult<S> result, SolutionCodec<S> codec, Direction direction,
                                    Double referenceValue, String referenceMethod) {
        ObjectNode summary = NODES.objectNode();
        if (result.best() == null) {
            summary.putNull("best_value");
            summary.putNull("best_solution");
            summary.putNull("best_step");
        } else {
            summary.put("best_value", result.best().value());
            summary.set("best_solution", codec.toJson(result.best().solution()));
            summary.put("best_step", result.best().step());
        }
        summary.put("steps", result.stepCount());
        summary.put("proposals", result.proposalCount());
        summary.put("evaluations", result.evaluationCount());
        summary.put("invalid", result.invalidCount());
        summary.put("duplicates", result.duplicateCount());
        summary.put("stop_reason", result.stopReason().name().toLowerCase(java.util.Locale.ROOT));
        summary.put("reached_optimum", result.reachedOptimum());
        if (result.optimumStep().isPresent()) {
            summary.put("optimum_step", result.optimumStep().getAsInt());
        } else {
            summary.putNull("optimum_step");
        }
        if (referenceValue == null) {
            summary.putNull("reference_value");
            summary.putNull("reference_method");
            summary.putNull("gap");
        } else {
            summary.put("reference_value", referenceValue);
            summary.put("reference_method", referenceMethod);
            Double gap = gapRatio(result, direction, referenceValue);
            if (gap == null) {
                summary.putNull("gap");
            } else {
                summary.put("gap", gap);
            }
        }
        ArrayNode curve = summary.putArray("best_curve");
        ArrayNode evaluated = summary.putArray("evaluations_curve");
        int evaluations = 0;
        for (StepResult<S> step : result.steps()) {
            if (Double.isNaN(step.bestValue())) {
                curve.addNull();
            } else {
                curve.add(step.bestValue());
            }
            evaluations += step.evaluations().size();
            evaluated.add(evaluations);
        }
        if (result.failure() != null) {
            summary.put("failure", result.failure());
        }
        return summary;
    }

    /** A linear-regression run: the reference is the optimum pair's loss. */
    public static ObjectNode linearRegression(NumericRunResult<WbPair> result, LinearRegressionProblem problem,
                                              long wTrue, long bTrue, String criterion) {
        WbPair optimum = problem.optimum();
        double optimumLoss = problem.data().loss(optimum.w(), optimum.b());
        ObjectNode summary = of(result, SolutionCodecs.wbPair(), Direction.MINIMIZE, optimumLoss, criterion);
        summary.put("w_true", wTrue);
        summary.put("b_true", bTrue);
        summary.set("optimum", SolutionCodecs.wbPair().toJson(optimum));
        return summary;
    }

    /** A TSP run: the reference is the problem's reference tour (exact or heuristic, as its method says). */
    public static ObjectNode tsp(NumericRunResult<Tour> result, TspProblem problem) {
        TspReference reference = problem.referenceTour();
        ObjectNode summary = of(result, SolutionCodecs.tour(), Direction.MINIMIZE, (double) reference.length(),
                reference.method());
        summary.put("reference_exact", reference.exact());
        TspInstance instance = problem.instance();
        ArrayNode points = summary.putArray("points");
        for (int i = 0; i < instance.size(); i++) {
            points.addArray().add(instance.x(i)).add(instance.y(i));
        }
        if (result.best() == null) {
            summary.putNull("best_tour");
        } else {
            summary.set("best_tour", SolutionCodecs.tour().toJson(result.best().solution()));
        }
        summary.set("reference_tour", SolutionCodecs.tour().toJson(reference.tour()));
        return summary;
    }

    static Double gapRatio(NumericRunResult<?> result, Direction direction, double reference) {
        if (result.best() == null) {
            return null;
        }
        double best = result.best().value();
        double worseBy = direction == Direction.MINIMIZE ? best - reference : reference - best;
        if (reference == 0) {
            return worseBy == 0 ? 0.0 : null;
        }
        return worseBy / Math.abs(reference);
    }
}
