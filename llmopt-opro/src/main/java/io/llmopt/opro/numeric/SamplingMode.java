package io.llmopt.opro.numeric;

/** How the k proposals of a step are requested from the optimizer model. */
public enum SamplingMode {
    /** One request with {@code n = k}: cheapest where the server supports n. */
    BATCH,
    /** k requests with {@code n = 1}, run concurrently: what the reference does for chat models. */
    SEPARATE_CALLS
}
