package io.llmopt.core.accounting;

import io.llmopt.core.llm.LlmException;
import java.time.Instant;

/**
 * One logical model call as the accounting layer saw it: what the call log in the run store keeps.
 * Never holds a prompt's API key (it never sees one) and never the prompt text itself: the
 * request hash links it to the cache and to the unit of work that made it.
 *
 * @param role             the configured role that made the call (optimizer, scorer, ...)
 * @param model            "provider:model"
 * @param requestHash      {@link io.llmopt.core.llm.RequestFingerprint} of the request
 * @param samples          completions asked for (n)
 * @param promptTokens     prompt tokens billed (0 for a cache hit)
 * @param completionTokens completion tokens billed (0 for a cache hit)
 * @param cost             money spent, in the price table's currency (0 for a cache hit)
 * @param latencyMillis    wall time of the call, as its caller waited for it
 * @param cacheHit         true when the response cache answered
 * @param error            the failure kind, or null on success
 * @param startedAt        when the call started
 * @param serverMillis     of that, the time at the server (sent to reply), or null when not measured
 *                         (a cache hit, a failure, a call without a limiter, or a store older than
 *                         this column)
 * @param slotWaitMillis   of that, the time queued for a slot in the concurrency limiter, or null
 * @param callKey          ties the record written when the call was sent to the one that settles it, or null
 * @param requests         HTTP requests the call sent (retries included; 0 for a cache hit), or null
 *                         when unknown (a store older than this column)
 * @param settled          false while the call was sent and its reply not recorded: then {@code cost}
 *                         is its estimate (the prompt, and each sample as long as the role's
 *                         answers so far, or its max_tokens before any, at the price table's price), and it stays so if the reply was lost (the process was killed)
 */
public record LlmCallRecord(
        String role,
        String model,
        String requestHash,
        int samples,
        long promptTokens,
        long completionTokens,
        double cost,
        long latencyMillis,
        boolean cacheHit,
        LlmException.Kind error,
        Instant startedAt,
        Long serverMillis,
        Long slotWaitMillis,
        String callKey,
        Integer requests,
        boolean settled) {

    /** A settled call without a call key, as logged before calls were recorded when sent. */
    public LlmCallRecord(String role, String model, String requestHash, int samples, long promptTokens, long completionTokens,
            double cost, long latencyMillis, boolean cacheHit, LlmException.Kind error, Instant startedAt,
            Long serverMillis, Long slotWaitMillis) {
        this(role, model, requestHash, samples, promptTokens, completionTokens, cost, latencyMillis, cacheHit, error,
                startedAt, serverMillis, slotWaitMillis, null, null, true);
    }

    /** A call without the split of its time. */
    public LlmCallRecord(String role, String model, String requestHash, int samples, long promptTokens, long completionTokens,
            double cost, long latencyMillis, boolean cacheHit, LlmException.Kind error, Instant startedAt) {
        this(role, model, requestHash, samples, promptTokens, completionTokens, cost, latencyMillis, cacheHit, error, startedAt,
                null, null);
    }
}
