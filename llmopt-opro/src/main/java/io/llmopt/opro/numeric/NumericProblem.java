package io.llmopt.opro.numeric;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the {@link NumericOptimizer} needs to know about one optimization problem: how to write
 * the meta-prompt, how to read a solution out of an optimizer output, and how to score it.
 *
 * <p>Linear regression, the travelling salesman and user-supplied black-box objectives are all
 * instances; the loop itself knows nothing about any of them. Every method except
 * {@link #evaluate} should be a pure function so parity tests can drive each one alone.
 *
 * @param <S> the solution type; {@link #key} must identify equal solutions
 */
public interface NumericProblem<S> {

    /** Whether lower or higher values are better. */
    Direction direction();

    /** The solutions scored before the first step (the paper's starting points). */
    List<S> startingSolutions();

    /**
     * The meta-prompt for the next step.
     *
     * @param scored every successful evaluation so far, in evaluation order
     */
    String metaPrompt(List<Evaluation<S>> scored);

    /** Reads one optimizer output; never throws for malformed text. */
    Parsed<S> parse(String optimizerOutput);

    /** Checks a parsed solution against the problem's constraints; empty when valid. */
    default Optional<Rejection> validate(S solution) {
        return Optional.empty();
    }

    /**
     * Scores a valid solution. May complete asynchronously and may fail; implementations that do
     * real work (a process, an HTTP call) should return at once and finish on their own threads,
     * so the optimizer can run several evaluations concurrently.
     */
    CompletableFuture<Double> evaluate(S solution);

    /** A canonical text for de-duplication: equal keys mean the same solution. */
    String key(S solution);

    /** True when the run can stop because this solution is known to be optimal. */
    default boolean isOptimal(S solution, double value) {
        return false;
    }
}
