package io.llmopt.cli.opro;

import io.llmopt.opro.numeric.Evaluation;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.StepResult;
import io.llmopt.opro.numeric.blackbox.BaselineResult;
import io.llmopt.opro.numeric.blackbox.Candidate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The final report of {@code llmopt opro optimize}: the best solution, the best value per step,
 * and each baseline's best value after the same number of evaluations, side by side.
 */
final class OptimizeReport {

    /** Longer curves are thinned to about this many rows, always keeping the first and last step. */
    static final int MAX_ROWS = 25;

    private OptimizeReport() {
    }

    static void print(PrintWriter out, String runName, NumericRunResult<Candidate> result, List<BaselineResult> baselines) {
        out.println(runName + ": " + result.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (result.failure() == null ? "" : " (" + result.failure() + ")"));
        Evaluation<Candidate> best = result.best();
        if (best == null) {
            out.println("no evaluation succeeded");
        } else {
            out.println("best value " + number(best.value()) + " at step " + best.step() + ": " + best.solution().toJson());
        }
        out.printf(Locale.ROOT, "%d steps, %d evaluations (%d failed), %d optimizer outputs, %d invalid, %d duplicates%n",
                result.stepCount(), result.evaluationCount(),
                result.history().stream().filter(e -> !e.succeeded()).count(), result.proposalCount(),
                result.invalidCount(), result.duplicateCount());
        out.println();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-6s %-12s %-14s", "step", "evaluations", "opro"));
        for (BaselineResult b : baselines) {
            header.append(String.format(Locale.ROOT, " %-14s", name(b)));
        }
        out.println(header.toString().stripTrailing());
        int evaluations = 0;
        List<String> rows = new ArrayList<>();
        for (StepResult<Candidate> step : result.steps()) {
            evaluations += step.evaluations().size();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6d %-12d %-14s", step.step(), evaluations,
                    number(step.bestValue())));
            for (BaselineResult b : baselines) {
                double value = evaluations == 0 || b.evaluations() == 0 ? Double.NaN
                        : b.bestSoFar()[Math.min(evaluations, b.evaluations()) - 1];
                row.append(String.format(Locale.ROOT, " %-14s", number(value)));
            }
            rows.add(row.toString().stripTrailing());
        }
        int every = Math.max(1, (int) Math.ceil(rows.size() / (double) MAX_ROWS));
        for (int i = 0; i < rows.size(); i++) {
            if (i % every == 0 || i == rows.size() - 1) {
                out.println(rows.get(i));
            }
        }
        if (!baselines.isEmpty()) {
            out.println();
            out.println("baselines with the same budget of " + result.evaluationCount() + " evaluations:");
            for (BaselineResult b : baselines) {
                out.printf(Locale.ROOT, "  %-12s best %-14s after %d evaluations (%d failed)%s%n", name(b), number(b.bestValue()),
                        b.evaluations(), b.failedEvaluations(), b.best() == null ? "" : ": " + b.best().toJson());
            }
        }
    }

    static String name(BaselineResult b) {
        return BaselineNames.of(b.baseline());
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
