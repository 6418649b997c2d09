package io.llmopt.opro.scorerprompt;

import java.util.List;
import java.util.Objects;

/**
 * The question text of one example per data set, from its raw fields, as the reference shows it to
 * the scorer. Multiple-choice questions carry their options and a closing question line.
 */
public final class QuestionText {

    private QuestionText() {
    }

    /** GSM8K: the question column as is. */
    public static String gsm8k(String question) {
        return Objects.requireNonNull(question, "question");
    }

    /** BBH: the {@code input} field as is (it already lists any options). */
    public static String bbh(String input) {
        return Objects.requireNonNull(input, "input");
    }

    /** MultiArith: {@code sQuestion} with surrounding whitespace removed. */
    public static String multiArith(String sQuestion) {
        return sQuestion.strip();
    }

    /**
     * AQuA: the question, then each option on its own line with an opening bracket added
     * ({@code A)21} becomes {@code (A)21}), then the closing question.
     */
    public static String aqua(String question, List<String> options) {
        StringBuilder text = new StringBuilder(question);
        for (String option : options) {
            text.append("\n(").append(option);
        }
        return text.append("\nWhat's the answer in (A) (B) (C) (D) (E)?").toString();
    }

    /** MMLU: the question, the four options as {@code (A) text} lines, then the closing question. */
    public static String mmlu(String question, String a, String b, String c, String d) {
        return question + "\n(A) " + a + "\n(B) " + b + "\n(C) " + c + "\n(D) " + d
                + "\nWhat's the answer in (A) (B) (C) (D)?";
    }
}
