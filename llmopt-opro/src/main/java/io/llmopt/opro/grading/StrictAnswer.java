package io.llmopt.opro.grading;

/**
 * A strict-mode parse: the canonical answer (empty when none) and, when empty, why.
 */
record StrictAnswer(String answer, String reason) {

    static StrictAnswer of(String answer) {
        return new StrictAnswer(answer, "");
    }

    static StrictAnswer none(String reason) {
        return new StrictAnswer("", reason);
    }
}
