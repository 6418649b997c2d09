package io.llmopt.opro.numeric.tsp;

import io.llmopt.opro.numeric.NumericRunResult;
import java.util.Locale;
import java.util.Map;

/**
 * What a TSP run achieved against its reference: the paper's optimality gap plus the effort.
 *
 * @param reference     the reference tour and how it was obtained
 * @param bestLength    the best tour length found (integer, as reported), or -1 if none
 * @param gapPercent    (best − reference) / reference in percent
 * @param steps         optimization steps run
 * @param proposals     optimizer outputs received
 * @param invalid       outputs that gave no valid tour
 * @param invalidReasons invalid outputs by reason
 */
public record TspRunReport(TspReference reference, long bestLength, double gapPercent, int steps, int proposals,
                           int invalid, Map<String, Integer> invalidReasons) {

    public static TspRunReport of(NumericRunResult<Tour> result, TspReference reference) {
        long best = result.best() == null ? -1 : (long) result.best().value();
        double gap = best < 0 ? Double.NaN : reference.gapPercent(best);
        return new TspRunReport(reference, best, gap, result.stepCount(), result.proposalCount(), result.invalidCount(),
                result.invalidReasons());
    }

    public String format() {
        return String.format(Locale.ROOT, "best %d vs %s %d (%s): gap %.2f%%, %d steps, %d proposals, %d invalid %s",
                bestLength, reference.exact() ? "optimum" : "reference", reference.length(), reference.method(), gapPercent,
                steps, proposals, invalid, invalidReasons);
    }
}
