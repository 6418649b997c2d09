package io.llmopt.opro.data;

import java.util.Objects;

/**
 * Where a user's own data file keeps its fields.
 *
 * @param questionField the question field (JSONL key or CSV header)
 * @param answerField   the answer field
 * @param optionsField  the options field for multiple choice, or null; in JSONL an object
 *                      ({@code {"A": "...", ...}}) or an array (lettered A, B, ...), in CSV the same as JSON text
 */
public record UserDataFormat(String questionField, String answerField, String optionsField) {

    public UserDataFormat {
        Objects.requireNonNull(questionField, "questionField");
        Objects.requireNonNull(answerField, "answerField");
    }

    /** Fields {@code question} and {@code answer}, no options. */
    public static UserDataFormat defaults() {
        return new UserDataFormat("question", "answer", null);
    }

    public UserDataFormat withOptions(String field) {
        return new UserDataFormat(questionField, answerField, field);
    }
}
