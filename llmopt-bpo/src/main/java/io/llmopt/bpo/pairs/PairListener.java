package io.llmopt.bpo.pairs;

/**
 * Receives each record's outcome as soon as it is known, for progress display or for writing it to
 * a store so that an interrupted run can resume. Called from the model's completion threads,
 * possibly concurrently: implementations must be thread-safe.
 */
@FunctionalInterface
public interface PairListener {

    PairListener NONE = outcome -> { };

    void onOutcome(PairOutcome outcome);
}
