package io.llmopt.opro.transfer;

import io.llmopt.core.store.Split;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.prompt.ExampleScorer;
import java.util.List;
import java.util.Objects;

/**
 * One column of a transfer matrix: the instructions are scored by {@code scorer} (the scorer model
 * {@code model}) on {@code examples} of data set {@code dataset}.
 *
 * @param model    the scorer model's name as the user gave it (a label)
 * @param dataset  the data set or task's name (a label: "gsm8k", "bbh/navigate")
 * @param split    the split the examples come from (it labels the stored results)
 * @param splitName how tables name the examples: the split's name, or e.g. "all" for a whole file
 * @param examples the examples every instruction of the column is scored on (the same for each, so
 *                 the comparison with the baseline is paired)
 * @param scorer   scores one instruction on one example with the column's model and grading
 */
public record TransferColumn(String model, String dataset, Split split, String splitName, List<Example> examples,
                             ExampleScorer scorer) {

    public TransferColumn {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(splitName, "splitName");
        Objects.requireNonNull(scorer, "scorer");
        examples = List.copyOf(examples);
    }

    /** A column of {@code split}'s examples, named after it. */
    public TransferColumn(String model, String dataset, Split split, List<Example> examples, ExampleScorer scorer) {
        this(model, dataset, split, split.wireName(), examples, scorer);
    }

    /** The column's label without the examples and scorer, as the matrix keeps it. */
    public TransferMatrix.Column label() {
        return new TransferMatrix.Column(model, dataset, splitName, examples.size());
    }
}
