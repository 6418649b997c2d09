package io.llmopt.report.payload;

import io.llmopt.core.report.ReportJson;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.store.WorkItem;
import java.util.Objects;

/**
 * One evaluated solution of a numeric run, stored as a work item of kind {@link #KIND} whose key
 * is the solution's de-duplication key.
 *
 * <p>The solution's shape depends on the run kind: {@code [3, 5]} (as OPRO's runs write it) or
 * {@code {"w": 3, "b": 5}} for linear regression ({@code opro-linreg}), the tour as a list of city indexes for TSP ({@code opro-tsp}), and an
 * object of parameter values for black-box objectives ({@code opro-optimize}).
 *
 * @param step     0 for the starting solutions, then the step that proposed it
 * @param solution the solution as JSON
 * @param value    the objective value, or null when the evaluation failed
 * @param error    why the evaluation failed, or null
 */
public record NumericEvaluation(int step, JsonNode solution, Double value, String error) {

    public static final String KIND = "numeric.evaluation";

    public NumericEvaluation {
        Objects.requireNonNull(solution, "solution");
    }

    public boolean succeeded() {
        return error == null && value != null && Double.isFinite(value);
    }

    /**
     * A linear-regression solution as {w, b}, from either shape ({@code [w, b]} or
     * {@code {"w": .., "b": ..}}); empty for any other solution.
     */
    public java.util.Optional<double[]> wb() {
        if (solution.isArray() && solution.size() == 2 && solution.get(0).isNumber() && solution.get(1).isNumber()) {
            return java.util.Optional.of(new double[] {solution.get(0).asDouble(), solution.get(1).asDouble()});
        }
        if (solution.isObject() && solution.path("w").isNumber() && solution.path("b").isNumber()) {
            return java.util.Optional.of(new double[] {solution.get("w").asDouble(), solution.get("b").asDouble()});
        }
        return java.util.Optional.empty();
    }

    /** This evaluation as a finished work item of {@code runId}. */
    public WorkItem toWorkItem(String runId, String key) {
        return WorkItem.done(runId, KIND, key, ReportJson.write(this));
    }

    public static NumericEvaluation from(WorkItem item) {
        return ReportJson.read(item.payloadJson(), NumericEvaluation.class);
    }
}
