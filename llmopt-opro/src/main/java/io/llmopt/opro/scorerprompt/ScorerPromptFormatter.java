package io.llmopt.opro.scorerprompt;

import java.util.Objects;

/**
 * Builds the scorer prompt for one example, byte-identical to the reference's {@code gen_prompt}.
 *
 * <p>With the Q/A format ({@code includeQa}) every position is allowed; without it only
 * {@link InstructionPosition#Q_BEGIN} and {@link InstructionPosition#Q_END}, as in the reference.
 */
public record ScorerPromptFormatter(InstructionPosition position, boolean includeQa) {

    public ScorerPromptFormatter {
        Objects.requireNonNull(position, "position");
        if (!includeQa && position != InstructionPosition.Q_BEGIN && position != InstructionPosition.Q_END) {
            throw new IllegalArgumentException(
                    "without the Q/A format the instruction position must be Q_begin or Q_end, was " + position);
        }
    }

    /**
     * The prompt for one question.
     *
     * @param instruction the candidate instruction; may be empty
     * @param question the question text, already formatted by {@link QuestionText}
     */
    public String format(String instruction, String question) {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(question, "question");
        boolean hasInstruction = !instruction.isEmpty();
        if (!includeQa) {
            return position == InstructionPosition.Q_BEGIN
                    ? (hasInstruction ? instruction + "\n" : "") + question
                    : question + (hasInstruction ? "\n" + instruction : "");
        }
        return switch (position) {
            case BEFORE_Q -> (hasInstruction ? instruction + "\n" : "") + "Q: " + question + "\n\nA:";
            case Q_BEGIN -> (hasInstruction ? "Q: " + instruction + "\n" : "Q: ") + question + "\n\nA:";
            case Q_END -> "Q: " + question + (hasInstruction ? "\n" + instruction + "\n\nA:" : "\n\nA:");
            case A_BEGIN -> "Q: " + question + "\n\nA:" + (hasInstruction ? " " + instruction : "");
        };
    }
}
