package io.llmopt.opro.numeric.tsp;

import java.util.Arrays;

/**
 * The exact optimum by Held–Karp dynamic programming over subsets: O(2^n · n²) time, O(2^n · n)
 * memory, so limited to small instances (the reference's "dp" starting algorithm).
 */
public final class HeldKarpSolver implements TspSolver {

    /** 2^15 · 16 doubles and ints: a few MB, well under a second. */
    public static final int MAX_POINTS = 16;

    @Override
    public TspReference solve(TspInstance instance) {
        int n = instance.size();
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException("Held-Karp is limited to " + MAX_POINTS + " points, got " + n);
        }
        // Point 0 is the fixed start; subsets range over points 1..n-1 (bit i-1 for point i).
        int m = n - 1;
        int full = (1 << m) - 1;
        double[][] cost = new double[1 << m][m];
        int[][] previous = new int[1 << m][m];
        for (double[] row : cost) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        for (int j = 0; j < m; j++) {
            cost[1 << j][j] = instance.distance(0, j + 1);
            previous[1 << j][j] = -1;
        }
        for (int set = 1; set <= full; set++) {
            for (int last = 0; last < m; last++) {
                if ((set & (1 << last)) == 0 || !Double.isFinite(cost[set][last])) {
                    continue;
                }
                for (int next = 0; next < m; next++) {
                    if ((set & (1 << next)) != 0) {
                        continue;
                    }
                    int grown = set | (1 << next);
                    double c = cost[set][last] + instance.distance(last + 1, next + 1);
                    if (c < cost[grown][next]) {
                        cost[grown][next] = c;
                        previous[grown][next] = last;
                    }
                }
            }
        }
        int bestLast = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int last = 0; last < m; last++) {
            double c = cost[full][last] + instance.distance(last + 1, 0);
            if (c < best) {
                best = c;
                bestLast = last;
            }
        }
        int[] order = new int[n];
        int set = full;
        int at = bestLast;
        for (int pos = n - 1; pos >= 1; pos--) {
            order[pos] = at + 1;
            int before = previous[set][at];
            set &= ~(1 << at);
            at = before;
        }
        Tour tour = new Tour(order);
        return new TspReference(tour, instance.reportedLength(tour), "held-karp", true);
    }
}
