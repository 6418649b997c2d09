package io.llmopt.opro.data;

import java.util.List;
import java.util.Set;

/** The 27 BIG-Bench Hard tasks and the answer kinds the reference assigns them. */
public final class BbhTasks {
    private BbhTasks() {
    }

    /** All tasks, alphabetically (the file names without {@code .json}). */
    public static final List<String> ALL = List.of(
            "boolean_expressions", "causal_judgement", "date_understanding", "disambiguation_qa",
            "dyck_languages", "formal_fallacies", "geometric_shapes", "hyperbaton",
            "logical_deduction_five_objects", "logical_deduction_seven_objects",
            "logical_deduction_three_objects", "movie_recommendation", "multistep_arithmetic_two",
            "navigate", "object_counting", "penguins_in_a_table", "reasoning_about_colored_objects",
            "ruin_names", "salient_translation_error_detection", "snarks", "sports_understanding",
            "temporal_sequences", "tracking_shuffled_objects_five_objects",
            "tracking_shuffled_objects_seven_objects", "tracking_shuffled_objects_three_objects",
            "web_of_lies", "word_sorting");

    /** Tasks whose inputs list options {@code (A) ...} and whose targets are {@code (X)}. */
    public static final Set<String> MULTIPLE_CHOICE = Set.of(
            "date_understanding", "disambiguation_qa", "geometric_shapes", "hyperbaton",
            "logical_deduction_five_objects", "logical_deduction_seven_objects",
            "logical_deduction_three_objects", "movie_recommendation", "penguins_in_a_table",
            "reasoning_about_colored_objects", "ruin_names", "salient_translation_error_detection",
            "snarks", "temporal_sequences", "tracking_shuffled_objects_five_objects",
            "tracking_shuffled_objects_seven_objects", "tracking_shuffled_objects_three_objects");

    /** Tasks with numeric answers. */
    public static final Set<String> NUMERIC = Set.of("object_counting", "multistep_arithmetic_two");

    /** Tasks with True/False, yes/no or valid/invalid answers. */
    public static final Set<String> BOOLEAN = Set.of("boolean_expressions", "causal_judgement", "formal_fallacies",
            "navigate", "sports_understanding", "web_of_lies");

    static void requireKnown(String task) {
        if (!ALL.contains(task)) {
            throw new IllegalArgumentException("unknown BBH task '" + task + "'; the tasks are " + String.join(", ", ALL));
        }
    }
}
