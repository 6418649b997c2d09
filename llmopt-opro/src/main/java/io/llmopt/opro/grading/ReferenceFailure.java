package io.llmopt.opro.grading;

/**
 * Signals a case where the reference implementation raises (an {@code IndexError} on a
 * {@code \boxed} without braces, a target letter beyond the listed options). The grader turns it
 * into an incorrect result with a reason instead of aborting a whole evaluation.
 */
final class ReferenceFailure extends RuntimeException {

    ReferenceFailure(String message) {
        super(message, null, false, false);
    }
}
