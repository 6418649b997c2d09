package io.llmopt.opro.prompt;

import io.llmopt.opro.random.NumpyRandom;
import io.llmopt.opro.meta.ExemplarSelector;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Picks a step's exemplars as positions in the training list. Positions in the (ascending) training
 * list select the same examples the reference's dataset indices do, because numpy's sample without
 * replacement draws positions and then maps them to values.
 */
final class ExemplarPicker {

    private final ExemplarChoice choice;
    private final int count;
    // The reference draws current_most_frequent ties from numpy's global stream, never reseeded; one
    // stream per run, seeded once, keeps the choice reproducible (not bit-identical to the reference).
    private final NumpyRandom runStream;

    ExemplarPicker(ExemplarChoice choice, int count, long runSeed) {
        this.choice = choice;
        this.count = count;
        this.runStream = new NumpyRandom(runSeed & 0xFFFF_FFFFL);
    }

    /** True when the picker needs every scored instruction's wrong answers counted. */
    boolean needsWrongCounts() {
        return count > 0 && choice == ExemplarChoice.ACCUMULATIVE_MOST_FREQUENT;
    }

    /** True when the picker needs each shown instruction's per-example results. */
    boolean needsShownResults() {
        return count > 0 && choice == ExemplarChoice.CURRENT_MOST_FREQUENT;
    }

    /**
     * @param referenceStep the 0-based step the reference seeds with
     * @param wrongCounts   how many instructions got each training position wrong, first-seen order: every scored
     *                      one for accumulative_most_frequent, the shown ones for current_most_frequent
     */
    List<Integer> pick(int referenceStep, int trainSize, Map<Integer, Integer> wrongCounts) {
        int k = Math.min(count, trainSize);
        if (k == 0) {
            return List.of();
        }
        List<Integer> positions = IntStream.range(0, trainSize).boxed().toList();
        return switch (choice) {
            case RANDOM -> ExemplarSelector.random(referenceStep, positions, k);
            case CONSTANT -> ExemplarSelector.constant(positions, k);
            case ACCUMULATIVE_MOST_FREQUENT -> ExemplarSelector.accumulativeMostFrequent(referenceStep, wrongCounts, k);
            case CURRENT_MOST_FREQUENT -> ExemplarSelector.currentMostFrequent(wrongCounts, k, runStream);
        };
    }
}
