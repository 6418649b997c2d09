package io.llmopt.cli.opro;

import io.llmopt.opro.data.Example;
import io.llmopt.opro.data.SplitSpec;
import io.llmopt.opro.prompt.TaskGrading;
import java.util.List;

/**
 * A data set ready for OPRO: its examples split, how to grade them, and the per-data-set rules
 * of the reference (no digits in GSM8K instructions, the pre-trained style's task description).
 */
record LoadedData(String dataset, String task, SplitSpec splitSpec, List<Example> train, List<Example> validation,
                  List<Example> test, TaskGrading grading, boolean forbidDigits, String taskDescription) {

    /** A run's default name: the data set, and its task where it has several ("bbh/navigate"). */
    String label() {
        boolean partOfDataset = task == null || task.isBlank() || task.equals(dataset)
                || task.equals("train") || task.equals("test");
        return partOfDataset ? dataset : dataset + "/" + task;
    }
}
