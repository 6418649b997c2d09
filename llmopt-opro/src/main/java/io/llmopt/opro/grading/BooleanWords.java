package io.llmopt.opro.grading;

import java.util.Objects;

/**
 * The pair of words a Boolean task answers with, as they appear in its targets.
 *
 * @param trueWord the affirmative word, e.g. {@code Yes}, {@code True}, {@code valid}
 * @param falseWord the negative word, e.g. {@code No}, {@code False}, {@code invalid}
 */
public record BooleanWords(String trueWord, String falseWord) {

    /** yes/no (causal_judgement, navigate, sports_understanding, web_of_lies). */
    public static final BooleanWords YES_NO = new BooleanWords("Yes", "No");
    /** True/False (boolean_expressions). */
    public static final BooleanWords TRUE_FALSE = new BooleanWords("True", "False");
    /** valid/invalid (formal_fallacies). */
    public static final BooleanWords VALID_INVALID = new BooleanWords("valid", "invalid");

    public BooleanWords {
        Objects.requireNonNull(trueWord, "trueWord");
        Objects.requireNonNull(falseWord, "falseWord");
    }
}
