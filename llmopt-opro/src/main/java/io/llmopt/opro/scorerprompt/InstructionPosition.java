package io.llmopt.opro.scorerprompt;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where the instruction goes in the scorer prompt, named as in the OPRO paper. */
public enum InstructionPosition {
    /** On its own line before the question. */
    BEFORE_Q("before_Q"),
    /** At the beginning of the question. */
    Q_BEGIN("Q_begin"),
    /** At the end of the question. */
    Q_END("Q_end"),
    /** At the beginning of the answer. */
    A_BEGIN("A_begin");

    private final String paperName;

    InstructionPosition(String paperName) {
        this.paperName = paperName;
    }

    /** The paper's name: {@code before_Q}, {@code Q_begin}, {@code Q_end} or {@code A_begin}. */
    public String paperName() {
        return paperName;
    }

    /**
     * Parses the paper's name (exactly, as the reference does).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static InstructionPosition parse(String name) {
        for (InstructionPosition position : values()) {
            if (position.paperName.equals(name)) {
                return position;
            }
        }
        throw new IllegalArgumentException("unknown instruction position '" + name + "'; expected one of "
                + Arrays.stream(values()).map(InstructionPosition::paperName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return paperName;
    }
}
