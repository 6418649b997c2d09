package io.llmopt.opro.grading;

import java.util.Objects;

/**
 * How the answers of one data set or BBH task are parsed and graded.
 *
 * @param answerType the kind of answer expected
 * @param booleanWords the task's two words when {@code answerType} is {@link AnswerType#BOOLEAN}, else null
 * @param treatIncludeAsCorrect reference mode only: a prediction that contains the target string counts
 *     as correct (the reference sets it for every non-numeric task)
 * @param boxedAnswers reference mode only: take the first {@code \boxed{...}} when the output has one
 *     (the reference's {@code is_gpt_model}); strict mode always honours {@code \boxed{}}
 * @param numDecimals reference mode only: decimals a numeric prediction is rounded to before comparing
 *     (the reference's pipeline always uses 0)
 */
public record GradingSettings(
        AnswerType answerType,
        BooleanWords booleanWords,
        boolean treatIncludeAsCorrect,
        boolean boxedAnswers,
        int numDecimals) {

    public GradingSettings {
        Objects.requireNonNull(answerType, "answerType");
        if (answerType == AnswerType.BOOLEAN) {
            Objects.requireNonNull(booleanWords, "booleanWords are required for a Boolean task");
        }
        if (numDecimals < 0) {
            throw new IllegalArgumentException("numDecimals must be >= 0, was " + numDecimals);
        }
    }

    /** Settings as the reference derives them from the answer type: include-as-correct for non-numeric tasks. */
    public static GradingSettings of(AnswerType answerType, BooleanWords booleanWords) {
        return new GradingSettings(answerType, booleanWords, answerType != AnswerType.NUMERIC, false, 0);
    }

    /** Settings for a non-Boolean answer type. */
    public static GradingSettings of(AnswerType answerType) {
        return of(answerType, null);
    }

    /** A copy that extracts {@code \boxed{}} answers as the reference does for GPT scorers. */
    public GradingSettings withBoxedAnswers(boolean boxed) {
        return new GradingSettings(answerType, booleanWords, treatIncludeAsCorrect, boxed, numDecimals);
    }
}
