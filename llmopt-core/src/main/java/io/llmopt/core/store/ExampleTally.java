package io.llmopt.core.store;

/**
 * How many of a candidate's recorded examples on a split were correct, and how many replies were
 * cut at the scorer's max_tokens.
 */
public record ExampleTally(long correct, long total, long truncated) {

    public ExampleTally(long correct, long total) {
        this(correct, total, 0);
    }

    /** The fraction correct, or 0 when nothing was recorded. */
    public double accuracy() {
        return total == 0 ? 0.0 : (double) correct / total;
    }
}
