package io.llmopt.opro.racing;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A permutation of the training split's example indices: the order in which racing scores
 * examples. All candidates of a step share it, so their prefixes hold the same examples and can be
 * compared pair by pair.
 *
 * <p>The guarantee of racing assumes the order is uniformly random and independent of the
 * candidates' outcomes, so draw a fresh one per step ({@link #forStep}) rather than reusing one
 * across the run: the candidates of later steps are shaped by earlier racing decisions.
 */
public final class ExampleOrder {

    private final int[] indices;

    private ExampleOrder(int[] indices) {
        this.indices = indices;
    }

    /** A uniformly random permutation of {@code 0 .. splitSize - 1}; same seed, same order. */
    public static ExampleOrder shuffled(int splitSize, long seed) {
        if (splitSize < 1) {
            throw new IllegalArgumentException("split size must be at least 1, got " + splitSize);
        }
        int[] indices = new int[splitSize];
        for (int i = 0; i < splitSize; i++) {
            indices[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = splitSize - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = indices[i];
            indices[i] = indices[j];
            indices[j] = tmp;
        }
        return new ExampleOrder(indices);
    }

    /** The order of one step of a run: seeded by both, so steps get independent orders. */
    public static ExampleOrder forStep(int splitSize, long runSeed, int step) {
        // Scrambled so that neighbouring steps (and neighbouring run seeds) get unrelated orders.
        return shuffled(splitSize, new SplittableRandom(runSeed ^ (0x9E3779B97F4A7C15L * (step + 1L))).nextLong());
    }

    /** An explicit order, for tests and for replaying a stored run; must be a permutation. */
    public static ExampleOrder of(int... indices) {
        int[] copy = indices.clone();
        boolean[] present = new boolean[copy.length];
        for (int index : copy) {
            if (index < 0 || index >= copy.length || present[index]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (copy.length - 1) + ": "
                        + Arrays.toString(copy));
            }
            present[index] = true;
        }
        if (copy.length == 0) {
            throw new IllegalArgumentException("an example order needs at least one example");
        }
        return new ExampleOrder(copy);
    }

    /** The number of examples in the split. */
    public int size() {
        return indices.length;
    }

    /** The example index scored at {@code position} (0-based) of the race. */
    public int exampleAt(int position) {
        return indices[position];
    }

    /** The whole permutation, copied. */
    public int[] toArray() {
        return indices.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExampleOrder other && Arrays.equals(indices, other.indices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        return "ExampleOrder" + Arrays.toString(indices);
    }
}
