package io.llmopt.opro.meta;

/** How a step picks the exemplars for its meta-prompt (the reference's {@code few_shot_selection_criteria}). */
public enum ExemplarSelection {
    /** A fresh random sample of the training examples each step, seeded by the step number (the default). */
    RANDOM,
    /** The same random sample every step (seed 0). */
    CONSTANT,
    /** Among the examples any instruction so far got wrong. */
    ACCUMULATIVE_MOST_FREQUENT,
    /** Among the examples most often wrong for the instructions the meta-prompt shows. */
    CURRENT_MOST_FREQUENT
}
