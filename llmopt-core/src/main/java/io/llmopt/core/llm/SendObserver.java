package io.llmopt.core.llm;

import java.util.concurrent.CompletableFuture;

/**
 * Told before each request of a call leaves for the server, by the layer just above the backends;
 * the request waits until the returned future completes. The accounting layer uses it to record
 * the call as {@code sent} in the run store first, so a call whose reply is lost (the process was
 * killed) is still in the ledger.
 *
 * <p>It travels with the {@link ChatRequest} but is not part of it: it never keys the cache, never
 * changes a fingerprint and does not make two requests unequal.
 */
@FunctionalInterface
public interface SendObserver {

    /** A request of the call is about to be sent; it is sent once the returned future completes (or fails). */
    CompletableFuture<Void> sending();
}
