package io.llmopt.opro.prompt;

/** How a step asks the optimizer for its candidates. */
public enum OptimizerSampling {
    /** One call per candidate, all issued at once, each with its own seed: the reference's chat-model setting. */
    SEPARATE_CALLS,
    /** One call with {@code n} = candidates per step: cheaper prompt tokens where the endpoint supports {@code n}. */
    ONE_CALL
}
