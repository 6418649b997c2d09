package io.llmopt.opro.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One data-set example as the scorer sees it.
 *
 * @param id          stable identifier, {@code dataset/task/sourceIndex} (for example {@code bbh/navigate/17}),
 *                    so results stay comparable across runs and splits
 * @param task        the task (BBH task, MMLU subject, GSM8K part, file name for user data)
 * @param question    the question text shown to the scorer; for multiple choice it already lists the options
 * @param target      the target answer (a number, a word, or an option letter for multiple choice)
 * @param options     option letter to option text for multiple choice, in display order; empty otherwise
 * @param sourceIndex position of the example in its source file (its task)
 */
public record Example(String id, String task, String question, String target, Map<String, String> options,
                      int sourceIndex) {

    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(target, "target");
        options = options == null || options.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** An example without options. */
    public static Example of(String dataset, String task, int sourceIndex, String question, String target) {
        return new Example(idOf(dataset, task, sourceIndex), task, question, target, Map.of(), sourceIndex);
    }

    static String idOf(String dataset, String task, int sourceIndex) {
        return dataset + "/" + task + "/" + sourceIndex;
    }

    /** Whether the example is multiple choice. */
    public boolean isMultipleChoice() {
        return !options.isEmpty();
    }
}
