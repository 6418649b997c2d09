package io.llmopt.core.http;

/**
 * How to get {@code n > 1} completions from an endpoint. Not every OpenAI-compatible server honours
 * {@code n}; some silently return one choice.
 */
public enum NSupport {
    /**
     * Ask for n in one call; when the server returns fewer choices, fetch the missing samples with
     * single calls and remember that this endpoint lacks n support (later calls go straight to single calls).
     */
    AUTO,
    /** Always ask for n in one call; fewer choices than asked is a malformed response. */
    ALWAYS_N,
    /** Never send n; make n parallel single calls (with seed + i for sample i when a seed is set). */
    SINGLE_CALLS
}
