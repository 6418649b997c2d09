package io.llmopt.opro.meta;

import io.llmopt.opro.scorerprompt.InstructionPosition;
import java.util.Objects;

/**
 * The settings that shape a meta-prompt.
 *
 * @param style                       which optimizer the meta-prompt addresses
 * @param position                    where the instruction goes in the scorer prompt
 * @param includeQa                   whether exemplars use the {@code Q:}/{@code A:} format
 * @param instructionsBeforeExemplars the instruction-score pairs come first (the reference default)
 * @param maxNumInstructions          how many of the best past instructions to show (reference: 20)
 * @param scoreThreshold              past instructions scoring below this are not shown (reference: 0.3 for a
 *                                    chat-model scorer, 0 for a completion-model scorer; 0 shows all)
 * @param scoreBuckets                how scores are shown (reference: 100 buckets)
 * @param taskDescription             for {@link OptimizerStyle#PRETRAINED}: the problems' description
 *                                    (see {@link #taskDescription(String, String)}); ignored otherwise
 */
public record MetaPromptConfig(OptimizerStyle style, InstructionPosition position, boolean includeQa,
                               boolean instructionsBeforeExemplars, int maxNumInstructions, double scoreThreshold,
                               ScoreBuckets scoreBuckets, String taskDescription) {

    public MetaPromptConfig {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(scoreBuckets, "scoreBuckets");
        taskDescription = taskDescription == null ? "" : taskDescription;
        if (style == OptimizerStyle.PRETRAINED && position == InstructionPosition.BEFORE_Q) {
            throw new IllegalArgumentException("the pre-trained optimizer meta-prompt supports Q_begin, Q_end and A_begin only");
        }
    }

    /** The reference's settings for a chat-model scorer: 20 instructions, threshold 0.3, 100 buckets, no Q/A format. */
    public static MetaPromptConfig reference(OptimizerStyle style, InstructionPosition position) {
        return new MetaPromptConfig(style, position, false, true, 20, 0.3, ScoreBuckets.PAPER, "");
    }

    public MetaPromptConfig withIncludeQa(boolean value) {
        return new MetaPromptConfig(style, position, value, instructionsBeforeExemplars, maxNumInstructions,
                scoreThreshold, scoreBuckets, taskDescription);
    }

    public MetaPromptConfig withInstructionsBeforeExemplars(boolean value) {
        return new MetaPromptConfig(style, position, includeQa, value, maxNumInstructions, scoreThreshold,
                scoreBuckets, taskDescription);
    }

    public MetaPromptConfig withMaxNumInstructions(int value) {
        return new MetaPromptConfig(style, position, includeQa, instructionsBeforeExemplars, value, scoreThreshold,
                scoreBuckets, taskDescription);
    }

    public MetaPromptConfig withScoreThreshold(double value) {
        return new MetaPromptConfig(style, position, includeQa, instructionsBeforeExemplars, maxNumInstructions, value,
                scoreBuckets, taskDescription);
    }

    public MetaPromptConfig withScoreBuckets(ScoreBuckets value) {
        return new MetaPromptConfig(style, position, includeQa, instructionsBeforeExemplars, maxNumInstructions,
                scoreThreshold, value, taskDescription);
    }

    public MetaPromptConfig withTaskDescription(String value) {
        return new MetaPromptConfig(style, position, includeQa, instructionsBeforeExemplars, maxNumInstructions,
                scoreThreshold, scoreBuckets, value);
    }

    /**
     * The reference's description of the problems for the pre-trained style: {@code grade school math}
     * for GSM8K, the BBH task with underscores as spaces, the MMLU category as given, else the task name.
     */
    public static String taskDescription(String dataset, String task) {
        return switch (dataset.toLowerCase(java.util.Locale.ROOT)) {
            case "gsm8k" -> "grade school math";
            case "bbh" -> String.join(" ", task.split("_", -1));
            default -> task;
        };
    }
}
