package io.llmopt.testkit;

/**
 * Load figures of a {@link SimulatedLlmServer}.
 *
 * @param totalRequests  HTTP requests received since the server started, every path and outcome
 * @param maxConcurrency the most chat completions ever being processed at once (past the capacity
 *                       gate, during latency and reply generation)
 * @param inFlight       chat completions being processed right now
 */
public record SimStats(long totalRequests, int maxConcurrency, int inFlight) {
}
