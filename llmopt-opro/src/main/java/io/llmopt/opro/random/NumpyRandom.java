package io.llmopt.opro.random;

/**
 * numpy's legacy {@code np.random.RandomState} (MT19937), for the draws the OPRO reference makes:
 * {@code seed(int)}, {@code random_sample}, {@code uniform}, {@code randn}, {@code shuffle},
 * {@code permutation} and {@code choice(..., replace=False)}.
 *
 * <p>It exists so that a seeded Java run reproduces the reference bit for bit: the same data
 * splits and exemplars, the same noisy regression targets, the same TSP coordinates, the same
 * starting points. Only the legacy stream is modelled: numpy's newer {@code default_rng} gives
 * different numbers. The algorithms
 * follow numpy's legacy code paths (53-bit doubles from two 32-bit words, the polar Box–Muller
 * "gauss" with its cached second value, Fisher–Yates with masked rejection sampling), which
 * numpy keeps stable across versions for {@code RandomState}. Not thread-safe.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;
    private boolean hasGauss;
    private double gauss;

    /** Equivalent to {@code np.random.RandomState(seed)} / {@code np.random.seed(seed)}. */
    public NumpyRandom(long seed) {
        seed(seed);
    }

    /** Re-seeds like {@code np.random.seed(seed)}; the seed must fit in 32 unsigned bits. */
    public void seed(long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
        hasGauss = false;
        gauss = 0.0;
    }

    /** The next raw 32-bit output, as an unsigned value. */
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
            int y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % N] & 0x7fff_ffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }

    /** {@code random_sample()}: a double in [0, 1) with 53 random bits. */
    public double randomSample() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code uniform(low, high)}: computed as numpy does, {@code low + (high - low) * u}. */
    public double uniform(double low, double high) {
        return low + (high - low) * randomSample();
    }

    /** {@code uniform(low, high, size)}. */
    public double[] uniform(double low, double high, int size) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = uniform(low, high);
        }
        return out;
    }

    /** {@code standard_normal()} via the legacy polar method, which yields values in pairs. */
    public double gaussian() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code randn(size)}. */
    public double[] randn(int size) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = gaussian();
        }
        return out;
    }

    /** A uniform integer in [0, max] by masked rejection, as numpy's {@code random_interval}. */
    public long randomInterval(long max) {
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
