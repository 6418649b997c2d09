package io.llmopt.opro.numeric.blackbox;

import java.util.concurrent.CompletableFuture;

/**
 * A black-box function of a {@link Candidate}. Implementations return at once and complete on
 * their own threads; a failure completes the future exceptionally. If the caller completes the
 * future first (a time-out), implementations should abandon the work behind it.
 */
@FunctionalInterface
public interface Objective {

    CompletableFuture<Double> evaluate(Candidate candidate);
}
