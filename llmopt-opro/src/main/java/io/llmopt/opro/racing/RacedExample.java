package io.llmopt.opro.racing;

/**
 * A candidate's result on one training example.
 *
 * @param exampleIndex the example's index in the training split
 * @param correct      whether the scorer answered it correctly
 */
public record RacedExample(int exampleIndex, boolean correct) {
}
