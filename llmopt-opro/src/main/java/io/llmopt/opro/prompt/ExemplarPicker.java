package io.llmopt.opro.prompt;

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

    ExemplarPicker(ExemplarChoice choice, int count) {
        this.choice = choice;
        this.count = count;
    }

    boolean needsWrongCounts() {
        return count > 0 && choice == ExemplarChoice.ACCUMULATIVE_MOST_FREQUENT;
    }

    /**
     * @param referenceStep the 0-based step the reference seeds with
     * @param wrongCounts   how many scored instructions got each training position wrong, first-seen order
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
        };
    }
}
