package io.llmopt.core.llm;

/**
 * Where a call's time went, as the concurrency limiter saw its (last) attempt: waiting for a slot,
 * then at the server (request sent to reply read). A call that met no limiter has
 * {@link #UNKNOWN} timing, and its whole wall time counts as time at the server.
 *
 * @param slotWaitNanos time queued for a slot (concurrency, requests or tokens per minute), or -1
 * @param serverNanos   time from admission to the reply, or -1
 */
public record CallTiming(long slotWaitNanos, long serverNanos) {

    public static final CallTiming UNKNOWN = new CallTiming(-1, -1);

    public boolean known() {
        return serverNanos >= 0;
    }
}
