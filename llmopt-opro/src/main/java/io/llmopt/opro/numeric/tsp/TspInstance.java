package io.llmopt.opro.numeric.tsp;

import io.llmopt.opro.random.NumpyRandom;

/** Points with integer coordinates; distances are Euclidean. */
public final class TspInstance {

    private final int[] x;
    private final int[] y;

    public TspInstance(int[] x, int[] y) {
        if (x.length != y.length || x.length < 3) {
            throw new IllegalArgumentException("a TSP instance needs at least 3 points and as many x as y");
        }
        this.x = x.clone();
        this.y = y.clone();
    }

    /**
     * The reference's instance: {@code uniform(-100, 100, n)} for x, then for y, each truncated
     * with {@code int()} (so coordinates lie in -99..99 and 0 is twice as likely as any other).
     */
    public static TspInstance random(int n, NumpyRandom rng) {
        double[] xs = rng.uniform(-100, 100, n);
        double[] ys = rng.uniform(-100, 100, n);
        int[] x = new int[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = (int) xs[i];
            y[i] = (int) ys[i];
        }
        return new TspInstance(x, y);
    }

    public int size() {
        return x.length;
    }

    public int x(int i) {
        return x[i];
    }

    public int y(int i) {
        return y[i];
    }

    public double distance(int i, int j) {
        long dx = x[i] - x[j];
        long dy = y[i] - y[j];
        return Math.sqrt(dx * dx + dy * dy);
    }

    /**
     * The closed tour's length, summed edge by edge in tour order and then the closing edge, as
     * the reference's evaluate_distance does (the order matters for the truncated value).
     */
    public double length(Tour tour) {
        int[] order = tour.order();
        double sum = 0;
        for (int i = 0; i < order.length - 1; i++) {
            sum += distance(order[i], order[i + 1]);
        }
        return sum + distance(order[order.length - 1], order[0]);
    }

    /** The length as the reference reports it: truncated to an integer ({@code int(dis)}). */
    public long reportedLength(Tour tour) {
        return (long) length(tour);
    }
}
