package io.llmopt.sim;

/**
 * Load figures of a {@link SimulatedLlmServer}.
 *
 * @param totalRequests  HTTP requests received since the server started, every path and outcome
 * @param maxConcurrency the most chat completions ever being processed at once (past the capacity
 *                       gate, during latency and reply generation)
 * @param inFlight       chat completions being processed right now
 * @param promptTokens     prompt tokens of the completions served whole (what a real endpoint would bill)
 * @param completionTokens completion tokens of those completions
 */
public record SimStats(long totalRequests, int maxConcurrency, int inFlight, long promptTokens, long completionTokens) {
}
