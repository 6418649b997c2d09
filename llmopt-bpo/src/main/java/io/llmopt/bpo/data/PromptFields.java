package io.llmopt.bpo.data;

import java.util.Objects;

/**
 * Which fields of a user's evaluation file hold the prompt and, optionally, a context appended to
 * it, an id and a category.
 *
 * @param prompt   field of the prompt text (required in every record)
 * @param context  field appended to the prompt after a newline, or null
 * @param id       field of the id, or null to number records from 0
 * @param category field of the category, or null
 */
public record PromptFields(String prompt, String context, String id, String category) {

    public PromptFields {
        Objects.requireNonNull(prompt, "prompt");
    }

    /** Only a prompt field. */
    public static PromptFields prompt(String field) {
        return new PromptFields(field, null, null, null);
    }
}
