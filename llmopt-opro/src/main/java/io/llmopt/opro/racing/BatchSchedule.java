package io.llmopt.opro.racing;

import java.util.ArrayList;
import java.util.List;

/**
 * Prefix sizes at which a test that pays for every look ({@link DropBound#HOEFFDING}) checks a
 * candidate: {@code firstBatch}, then growing by {@code growth}, always ending at the full split
 * (20, 40, 80, 160, 261 for the defaults and GSM8K's 261 training examples). Betting looks after
 * every example and ignores it.
 *
 * @param firstBatch examples before the first look, at least 1
 * @param growth     factor between consecutive sizes, greater than 1
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

    /** The sizes for a split of {@code splitSize} examples, strictly increasing, ending at it. */
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
