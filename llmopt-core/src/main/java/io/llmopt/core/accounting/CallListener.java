package io.llmopt.core.accounting;

import java.util.concurrent.CompletableFuture;

/** Receives every logical model call once it has finished; the run store is one listener. */
@FunctionalInterface
public interface CallListener {

    void onCall(LlmCallRecord call);

    /**
     * A call is about to send a request ({@code sent.settled()} is false, its cost the estimate):
     * the request leaves once the returned future completes, so a listener that keeps a ledger
     * returns when the record is durable. Called again for each retry; {@link #onCall} then
     * settles the same {@link LlmCallRecord#callKey()}. The default keeps nothing.
     */
    default CompletableFuture<Void> onSent(LlmCallRecord sent) {
        return CompletableFuture.completedFuture(null);
    }

    CallListener NONE = call -> { };
}
