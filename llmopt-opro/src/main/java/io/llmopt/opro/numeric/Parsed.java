package io.llmopt.opro.numeric;

import java.util.Objects;

/**
 * The outcome of parsing one optimizer output: a solution, or the reason there is none.
 *
 * @param <S> the solution type
 */
public sealed interface Parsed<S> {

    /** A solution was read from the output. */
    record Solution<S>(S value) implements Parsed<S> {
        public Solution {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Nothing usable was found; the output is counted as invalid and never evaluated. */
    record Rejected<S>(Rejection rejection) implements Parsed<S> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    static <S> Parsed<S> solution(S value) {
        return new Solution<>(value);
    }

    static <S> Parsed<S> rejected(String reason, String detail) {
        return new Rejected<>(Rejection.of(reason, detail));
    }

    static <S> Parsed<S> rejected(Rejection rejection) {
        return new Rejected<>(rejection);
    }
}
