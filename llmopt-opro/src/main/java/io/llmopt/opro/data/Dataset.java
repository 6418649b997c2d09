package io.llmopt.opro.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A named, ordered list of examples. Positions in {@link #examples()} are what a {@link DatasetSplit} indexes.
 *
 * @param name     the data set ({@code gsm8k}, {@code bbh}, {@code mmlu}, {@code multiarith}, {@code aqua}, or a user name)
 * @param task     the task or tasks, as the user named them ({@code train}, {@code navigate}, {@code STEM}, ...)
 * @param examples the examples, tasks in the order they were loaded
 */
public record Dataset(String name, String task, List<Example> examples) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        examples = List.copyOf(examples);
    }

    public int size() {
        return examples.size();
    }

    public Example get(int position) {
        return examples.get(position);
    }

    /** The examples at the given positions, in the given order. */
    public List<Example> select(Collection<Integer> positions) {
        List<Example> selected = new ArrayList<>(positions.size());
        for (int position : positions) {
            selected.add(examples.get(position));
        }
        return selected;
    }

    /** Several data sets of the same kind as one, tasks kept in order (as the reference concatenates tasks). */
    public static Dataset concat(String name, String task, List<Dataset> parts) {
        List<Example> all = new ArrayList<>();
        parts.forEach(part -> all.addAll(part.examples()));
        return new Dataset(name, task, all);
    }
}
