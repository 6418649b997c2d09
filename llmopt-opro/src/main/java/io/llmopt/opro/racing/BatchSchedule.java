package io.llmopt.opro.racing;

import java.util.ArrayList;
import java.util.List;

/**
 * The cumulative number of examples a surviving candidate has been scored on after each racing
 * round: {@code firstBatch}, then growing by {@code growth} each round, and always ending at the
 * full split (so 20, 40, 80, 160, 261 for the defaults and GSM8K's 261 training examples).
 *
 * @param firstBatch examples in the first round, at least 1
 * @param growth     factor between consecutive cumulative sizes, greater than 1
 */
public record BatchSchedule(int firstBatch, double growth) {

    /** 20, 40, 80, ... up to the full split. */
    public static final BatchSchedule DEFAULT = new BatchSchedule(20, 2.0);

    public BatchSchedule {
        if (firstBatch < 1) {
            throw new IllegalArgumentException("first batch must be at least 1, got " + firstBatch);
        }
        if (!(growth > 1) || Double.isInfinite(growth)) {
            throw new IllegalArgumentException("growth must be a finite factor above 1, got " + growth);
        }
    }

    /** One round over the whole split: what {@link EvaluationStrategy#FULL} means. */
    public static BatchSchedule fullSplit() {
        return new BatchSchedule(Integer.MAX_VALUE, 2.0);
    }

    /** The cumulative sizes for a split of {@code splitSize} examples, strictly increasing, ending at it. */
    public List<Integer> sizesFor(int splitSize) {
        if (splitSize < 1) {
            throw new IllegalArgumentException("split size must be at least 1, got " + splitSize);
        }
        List<Integer> sizes = new ArrayList<>();
        long size = firstBatch;
        while (size < splitSize) {
            sizes.add((int) size);
            size = Math.max(size + 1, (long) Math.ceil(size * growth));
        }
        sizes.add(splitSize);
        return List.copyOf(sizes);
    }
}
