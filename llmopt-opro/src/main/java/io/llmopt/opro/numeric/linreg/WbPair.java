package io.llmopt.opro.numeric.linreg;

/**
 * A candidate (w, b) for the linear-regression problem. Integers because the reference rounds
 * every proposal to {@code num_input_decimals = 0} decimals before evaluating it.
 */
public record WbPair(long w, long b) {

    /** The de-duplication key, "w,b". */
    public String key() {
        return w + "," + b;
    }

    @Override
    public String toString() {
        return "(" + w + ", " + b + ")";
    }
}
