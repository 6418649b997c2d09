package io.llmopt.core.accounting;

/** Receives every logical model call once it has finished; the run store is one listener. */
@FunctionalInterface
public interface CallListener {

    void onCall(LlmCallRecord call);

    CallListener NONE = call -> { };
}
