package io.llmopt.core.store;

/** How many of a candidate's recorded examples on a split were correct. */
public record ExampleTally(long correct, long total) {

    /** The fraction correct, or 0 when nothing was recorded. */
    public double accuracy() {
        return total == 0 ? 0.0 : (double) correct / total;
    }
}
