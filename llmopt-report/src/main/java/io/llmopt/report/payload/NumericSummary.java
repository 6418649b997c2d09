package io.llmopt.report.payload;

import io.llmopt.core.report.ReportJson;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The run summary of a numeric run (written with {@code RunStore.updateSummary} as
 * {@link #toJson()}). Every field is optional; the report shows what is there.
 *
 * @param direction       "minimize" (default) or "maximize"
 * @param bestValue       the best objective value found
 * @param bestSolution    the solution that reached it
 * @param referenceValue  the reference optimum (e.g. Held-Karp's tour length, the least-squares loss)
 * @param referenceMethod how the reference was obtained, e.g. "held-karp", "nearest-neighbour"
 * @param gap             the relative gap (best - reference) / |reference| for minimization; computed
 *                        by the report when left out
 * @param cities          TSP: the city coordinates as [[x, y], ...], indexed as in the tours (also read
 *                        from {@code points}, the name the OPRO numeric runs write)
 * @param bestTour        TSP: the best tour as city indexes
 * @param trueW           linear regression: the true slope, marked on the (w, b) plot (also read from
 *                        {@code w_true}, as the OPRO runs write it)
 * @param trueB           linear regression: the true intercept (also {@code b_true})
 */
public record NumericSummary(
        String direction,
        Double bestValue,
        JsonNode bestSolution,
        Double referenceValue,
        String referenceMethod,
        Double gap,
        @JsonAlias("points") List<List<Double>> cities,
        List<Integer> bestTour,
        @JsonAlias("w_true") Double trueW,
        @JsonAlias("b_true") Double trueB) {

    public static final String MINIMIZE = "minimize";
    public static final String MAXIMIZE = "maximize";

    public boolean maximizing() {
        return MAXIMIZE.equalsIgnoreCase(direction);
    }

    /**
     * How far (as a fraction of the reference) the best value is from the reference in the worse
     * direction, computed from the two values when both are there, else the stored gap. Computed
     * first because stores written by earlier versions hold the gap in percent under the same name.
     * Null when neither is known or the reference is 0.
     */
    public Double effectiveGap() {
        if (bestValue == null || referenceValue == null || referenceValue == 0) {
            return gap;
        }
        double diff = maximizing() ? referenceValue - bestValue : bestValue - referenceValue;
        return diff / Math.abs(referenceValue);
    }

    public String toJson() {
        return ReportJson.write(this);
    }

    /** Reads a run summary; a run without one gives an empty summary. */
    public static NumericSummary parse(String summaryJson) {
        if (summaryJson == null || summaryJson.isBlank()) {
            return new NumericSummary(null, null, null, null, null, null, null, null, null, null);
        }
        return ReportJson.read(summaryJson, NumericSummary.class);
    }
}
