package io.llmopt.opro.meta;

import java.util.Objects;

/**
 * One entry of the optimization history: an instruction, its training accuracy, and the step
 * that produced it ({@code -1} for the initial instructions, as in the reference).
 *
 * @param instruction the instruction text
 * @param score       the accuracy on the training examples, 0 to 1
 * @param step        the step that generated it
 */
public record ScoredInstruction(String instruction, double score, int step) {
    public ScoredInstruction {
        Objects.requireNonNull(instruction, "instruction");
    }
}
