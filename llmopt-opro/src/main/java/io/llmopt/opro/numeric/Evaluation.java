package io.llmopt.opro.numeric;

import java.util.Objects;

/**
 * One evaluated solution: its value, or the error that prevented one.
 *
 * @param solution the solution
 * @param key      its de-duplication key ({@link NumericProblem#key})
 * @param step     0 for starting solutions, then the optimization step that proposed it
 * @param value    the objective value; NaN when the evaluation failed
 * @param error    why the evaluation failed, or null on success
 * @param <S>      the solution type
 */
public record Evaluation<S>(S solution, String key, int step, double value, String error) {

    public Evaluation {
        Objects.requireNonNull(solution, "solution");
        Objects.requireNonNull(key, "key");
        if (error == null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a successful evaluation needs a finite value, got " + value);
        }
    }

    public static <S> Evaluation<S> success(S solution, String key, int step, double value) {
        return new Evaluation<>(solution, key, step, value, null);
    }

    public static <S> Evaluation<S> failure(S solution, String key, int step, String error) {
        return new Evaluation<>(solution, key, step, Double.NaN, Objects.requireNonNull(error, "error"));
    }

    public boolean succeeded() {
        return error == null;
    }
}
