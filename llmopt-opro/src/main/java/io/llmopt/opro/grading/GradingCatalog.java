package io.llmopt.opro.grading;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reference's grading settings per data set and per BBH task
 * (evaluate_instructions.py / optimize_instructions.py).
 */
public final class GradingCatalog {

    /** BBH tasks whose answers are numbers. */
    public static final Set<String> BBH_NUMERIC_TASKS = Set.of("object_counting", "multistep_arithmetic_two");

    /** BBH tasks answered with one of two words, and which words. */
    public static final Map<String, BooleanWords> BBH_BOOLEAN_TASKS = Map.of(
            "boolean_expressions", BooleanWords.TRUE_FALSE,
            "causal_judgement", BooleanWords.YES_NO,
            "navigate", BooleanWords.YES_NO,
            "sports_understanding", BooleanWords.YES_NO,
            "web_of_lies", BooleanWords.YES_NO,
            "formal_fallacies", BooleanWords.VALID_INVALID);

    /** BBH tasks with lettered options in the input. */
    public static final Set<String> BBH_MULTIPLE_CHOICE_TASKS = Set.of(
            "date_understanding", "disambiguation_qa", "geometric_shapes", "hyperbaton",
            "logical_deduction_three_objects", "logical_deduction_five_objects", "logical_deduction_seven_objects",
            "movie_recommendation", "penguins_in_a_table", "reasoning_about_colored_objects", "ruin_names",
            "salient_translation_error_detection", "snarks", "temporal_sequences",
            "tracking_shuffled_objects_three_objects", "tracking_shuffled_objects_five_objects",
            "tracking_shuffled_objects_seven_objects");

    /** BBH tasks graded as free text. */
    public static final Set<String> BBH_FREE_TEXT_TASKS = Set.of("dyck_languages", "word_sorting");

    private GradingCatalog() {
    }

    /**
     * Settings for a data set: {@code gsm8k}, {@code multiarith} (numeric), {@code mmlu}, {@code aqua}
     * (multiple choice), or {@code bbh} with its task name.
     *
     * @param dataset data set name, case-insensitive
     * @param bbhTask the BBH task name; required for {@code bbh}, ignored otherwise
     * @throws IllegalArgumentException for an unknown data set or task
     */
    public static GradingSettings forDataset(String dataset, String bbhTask) {
        String name = dataset.toLowerCase(Locale.ROOT).strip();
        return switch (name) {
            case "gsm8k", "multiarith", "svamp" -> GradingSettings.of(AnswerType.NUMERIC);
            case "mmlu", "aqua" -> GradingSettings.of(AnswerType.MULTIPLE_CHOICE);
            case "bbh" -> {
                if (bbhTask == null || bbhTask.isBlank()) {
                    throw new IllegalArgumentException("data set bbh needs a task name");
                }
                yield forBbhTask(bbhTask);
            }
            default -> throw new IllegalArgumentException(
                    "unknown data set '" + dataset + "' (expected gsm8k, multiarith, svamp, mmlu, aqua or bbh)");
        };
    }

    /** Settings for a data set that has no tasks. */
    public static GradingSettings forDataset(String dataset) {
        return forDataset(dataset, null);
    }

    /**
     * Settings for one BBH task.
     *
     * @throws IllegalArgumentException for a name that is not one of the 27 BBH tasks
     */
    public static GradingSettings forBbhTask(String task) {
        String name = task.strip();
        if (BBH_NUMERIC_TASKS.contains(name)) {
            return GradingSettings.of(AnswerType.NUMERIC);
        }
        BooleanWords words = BBH_BOOLEAN_TASKS.get(name);
        if (words != null) {
            return GradingSettings.of(AnswerType.BOOLEAN, words);
        }
        if (BBH_MULTIPLE_CHOICE_TASKS.contains(name)) {
            return GradingSettings.of(AnswerType.MULTIPLE_CHOICE);
        }
        if (BBH_FREE_TEXT_TASKS.contains(name)) {
            return GradingSettings.of(AnswerType.FREE_TEXT);
        }
        throw new IllegalArgumentException("unknown BBH task '" + task + "'");
    }
}
