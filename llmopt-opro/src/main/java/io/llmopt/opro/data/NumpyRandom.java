package io.llmopt.opro.data;

/**
 * The parts of numpy's legacy {@code np.random} (the global {@code RandomState}) that the
 * OPRO reference uses to split data and pick exemplars, reproduced bit for bit.
 *
 * <p>The generator is MT19937 seeded the way {@code np.random.seed(int)} seeds it
 * ({@code init_genrand}); {@link #choiceWithoutReplacement} is legacy {@code choice(..., replace=False)},
 * which shuffles a full permutation and keeps its head, so it consumes the same draws numpy does.
 * Only the legacy stream is modelled: numpy's newer {@code default_rng} gives different numbers.
 */
public final class NumpyRandom {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;

    /** Same state as {@code np.random.seed(seed)}; numpy accepts 0 to 2^32-1. */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** One 32-bit output, as an unsigned value. */
    public long nextUint32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFF_FFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % N] & 0x7FFF_FFFF);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }

    /** A uniform integer in [0, max] by masked rejection, as numpy's {@code random_interval}. */
    long randomInterval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long value;
        if (max <= 0xFFFF_FFFFL) {
            do {
                value = nextUint32() & mask;
            } while (value > max);
        } else {
            do {
                value = ((nextUint32() << 32) | nextUint32()) & mask;
            } while (value > max);
        }
        return value;
    }

    /** In-place shuffle, as legacy {@code np.random.shuffle} on a one-dimensional array. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i >= 1; i--) {
            int j = (int) randomInterval(i);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    /** {@code np.random.permutation(n)}. */
    public int[] permutation(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        shuffle(values);
        return values;
    }

    /** {@code np.random.choice(n, size, replace=False)}: positions in [0, n), unsorted. */
    public int[] choiceWithoutReplacement(int n, int size) {
        if (size < 0 || size > n) {
            throw new IllegalArgumentException("cannot take a sample of " + size + " from " + n + " without replacement");
        }
        int[] perm = permutation(n);
        int[] out = new int[size];
        System.arraycopy(perm, 0, out, 0, size);
        return out;
    }

    /** {@code np.random.choice(population, size, replace=False)}: elements of the population, unsorted. */
    public int[] choiceWithoutReplacement(int[] population, int size) {
        int[] positions = choiceWithoutReplacement(population.length, size);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = population[positions[i]];
        }
        return out;
    }
}
