package io.llmopt.opro.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.prompt.TaskGrading;
import java.util.List;
import java.util.Objects;

/**
 * The examples every run of a sweep uses (one split for all, so settings differ by nothing else)
 * and how to grade them.
 *
 * @param facts what each run records about its data (data set, task, split, sizes), stored in its configuration
 */
public record SweepData(List<Example> train, List<Example> validation, List<Example> test, TaskGrading grading,
                        ObjectNode facts) {

    public SweepData {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        Objects.requireNonNull(grading, "grading");
        facts = facts == null ? null : facts.deepCopy();
    }
}
