package io.llmopt.opro.numeric.store;

/**
 * The names numeric runs use in the run store: run kinds, and the work-item kinds a run's steps
 * are recorded as. Reports and the resume logic read these; they are part of the store format.
 */
public final class NumericRunKinds {

    /** A linear-regression run (one repetition). */
    public static final String LINREG = "opro-linreg";
    /** A travelling-salesman run (one repetition). */
    public static final String TSP = "opro-tsp";
    /** A run on a user's black-box objective. */
    public static final String OPTIMIZE = "opro-optimize";

    /** One evaluated solution: {@code {step, index, solution, value, key}} (+ {@code error} when it failed). */
    public static final String EVALUATION = "numeric.evaluation";
    /** One optimizer output that gave no valid solution: {@code {step, index, output, raw, reason, detail}}. */
    public static final String REJECTION = "numeric.rejection";
    /** What a step needs for an exact replay: {@code {step, outputs: [raw...], duplicates}}. */
    public static final String STEP = "numeric.step";

    private NumericRunKinds() {
    }

    /** Work-item keys sort in step order, then in proposal order within a step. */
    static String itemKey(int step, int index) {
        return String.format(java.util.Locale.ROOT, "%06d-%04d", step, index);
    }
}
