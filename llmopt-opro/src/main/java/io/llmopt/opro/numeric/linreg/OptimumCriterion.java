package io.llmopt.opro.numeric.linreg;

/** Which (w, b) ends a linear-regression run as "optimum found". */
public enum OptimumCriterion {
    /**
     * The integer pair with the lowest loss on the noisy data, computed exactly. The right target
     * for an optimizer that only sees loss values; usually, not always, (w_true, b_true).
     */
    BEST_INTEGER_PAIR,
    /** (w_true, b_true), which is what the reference script checks. */
    TRUE_PARAMETERS
}
