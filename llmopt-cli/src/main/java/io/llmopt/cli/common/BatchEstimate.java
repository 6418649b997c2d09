package io.llmopt.cli.common;

import io.llmopt.core.batch.BatchPhases;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * A dry run's price with and without batch mode. A dry run makes every call live (it never reaches
 * a batch API), so its cost is the price without batch mode; what the calls of the final test cost
 * is read when the loop enters that phase, and the batch price is the price table's factor applied
 * to the calls a batch mode would batch.
 */
final class BatchEstimate {

    private final String testPhase;
    private final DoubleSupplier spent;
    private final double factor;
    /** What was spent when the final test began; NaN while it has not. */
    private volatile double spentBeforeTest = Double.NaN;

    /**
     * @param testPhase the command's final test phase ({@code --batch test}), or null when it has none
     * @param spent     what the session's runs have spent so far
     * @param factor    the batch price as a share of the live price
     */
    BatchEstimate(BatchPhases phases, String testPhase, DoubleSupplier spent, double factor) {
        this.testPhase = testPhase;
        this.spent = spent;
        this.factor = factor;
        if (testPhase != null) {
            phases.onEnter(phase -> {
                if (phase.equals(testPhase)) {
                    spentBeforeTest = spent.getAsDouble();
                }
            });
        }
    }

    /** The lines after "estimated cost": the same run in each batch mode the command has. */
    void print(PrintWriter out, double total) {
        out.printf(Locale.ROOT, "  without batch mode: $%.4f%n", total);
        if (testPhase != null) {
            double beforeTest = Double.isNaN(spentBeforeTest) ? total : spentBeforeTest;
            out.printf(Locale.ROOT, "  with --batch test:  $%.4f (the final test in batch jobs at %.0f%% of the price)%n",
                    beforeTest + (total - beforeTest) * factor, factor * 100);
            out.printf(Locale.ROOT, "  with --batch all:   $%.4f (every call in batch jobs; each step waits for its job)%n",
                    total * factor);
        } else {
            out.printf(Locale.ROOT, "  with --batch:       $%.4f (every call in batch jobs at %.0f%% of the price)%n",
                    total * factor, factor * 100);
        }
    }
}
