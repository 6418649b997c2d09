package io.llmopt.opro.prompt;

/** How a step picks the exemplars shown in its meta-prompt (a subset of the reference's criteria). */
public enum ExemplarChoice {
    /** A fresh random sample of the training examples each step, seeded by the step (the paper's default). */
    RANDOM,
    /** The same sample every step. */
    CONSTANT,
    /** Among the training examples any instruction so far got wrong. */
    ACCUMULATIVE_MOST_FREQUENT,
    /** Among the training examples the instructions currently shown in the meta-prompt get wrong most often. */
    CURRENT_MOST_FREQUENT
}
