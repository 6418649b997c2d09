package io.llmopt.opro.racing;

import java.util.Arrays;
import java.util.Objects;

/**
 * An already-scored instruction in the meta-prompt's top-k, with its result on every training
 * example: what racing pairs a candidate against.
 */
public final class Incumbent {

    private final String instruction;
    private final boolean[] correct;
    private final int correctCount;

    /**
     * @param instruction the instruction text
     * @param correct     its 0/1 result per training example, indexed by example index
     */
    public Incumbent(String instruction, boolean[] correct) {
        this.instruction = Objects.requireNonNull(instruction, "instruction");
        this.correct = Objects.requireNonNull(correct, "correct").clone();
        if (this.correct.length == 0) {
            throw new IllegalArgumentException("an incumbent needs results on at least one example");
        }
        int count = 0;
        for (boolean c : this.correct) {
            count += c ? 1 : 0;
        }
        this.correctCount = count;
    }

    public String instruction() {
        return instruction;
    }

    /** The number of training examples it was scored on. */
    public int splitSize() {
        return correct.length;
    }

    /** Whether it answered the example at {@code exampleIndex} correctly. */
    public boolean correctOn(int exampleIndex) {
        return correct[exampleIndex];
    }

    /** Its training accuracy: the share of examples answered correctly. */
    public double score() {
        return (double) correctCount / correct.length;
    }

    /** Its per-example results, copied. */
    public boolean[] results() {
        return correct.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Incumbent other && instruction.equals(other.instruction)
                && Arrays.equals(correct, other.correct);
    }

    @Override
    public int hashCode() {
        return 31 * instruction.hashCode() + Arrays.hashCode(correct);
    }

    @Override
    public String toString() {
        return "Incumbent[" + instruction + ", score=" + score() + "]";
    }
}
