package io.llmopt.core.pool;

/**
 * One pool member as a status display shows it.
 *
 * @param endpoint            the member's endpoint
 * @param outstanding         requests sent and not yet answered
 * @param consecutiveFailures retryable failures since its last success
 * @param ejected             true while it is out of rotation
 * @param requests            requests sent to it so far
 */
public record PoolMemberStatus(String endpoint, int outstanding, int consecutiveFailures, boolean ejected, long requests) {
}
