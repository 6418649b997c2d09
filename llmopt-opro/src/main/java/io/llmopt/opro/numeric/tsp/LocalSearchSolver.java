package io.llmopt.opro.numeric.tsp;

import java.util.List;

/**
 * 2-opt plus Or-opt local search started from the better of nearest neighbour and farthest
 * insertion: the reference for instances too large for Held–Karp. Not exact; on random uniform
 * instances of the paper's sizes it usually lands within a few percent of the optimum, far
 * closer than either construction heuristic.
 */
public final class LocalSearchSolver implements TspSolver {

    private static final double EPSILON = 1e-9;

    @Override
    public TspReference solve(TspInstance instance) {
        TspReference start = List.of(new NearestNeighbourSolver().solve(instance), new FarthestInsertionSolver().solve(instance))
                .stream().min((a, b) -> Double.compare(instance.length(a.tour()), instance.length(b.tour()))).orElseThrow();
        int[] order = start.tour().order();
        boolean improved = true;
        while (improved) {
            improved = twoOpt(instance, order) | orOpt(instance, order);
        }
        Tour tour = new Tour(rotateToZero(order));
        return new TspReference(tour, instance.reportedLength(tour), "2-opt+or-opt from " + start.method(), false);
    }

    /** Reverses segments while that shortens the tour; true if anything changed. */
    static boolean twoOpt(TspInstance d, int[] t) {
        int n = t.length;
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = false;
            for (int i = 0; i < n - 1; i++) {
                for (int j = i + 2; j < n; j++) {
                    int a = t[i];
                    int b = t[i + 1];
                    int c = t[j];
                    int e = t[(j + 1) % n];
                    if (a == e) {
                        continue;
                    }
                    double delta = d.distance(a, c) + d.distance(b, e) - d.distance(a, b) - d.distance(c, e);
                    if (delta < -EPSILON) {
                        reverse(t, i + 1, j);
                        again = true;
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    /** Moves runs of 1 to 3 points elsewhere, either way round, while that shortens the tour. */
    static boolean orOpt(TspInstance d, int[] t) {
        int n = t.length;
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = false;
            search:
            for (int len = 1; len <= 3 && len < n - 2; len++) {
                for (int s = 0; s < n; s++) {
                    int first = t[s];
                    int last = t[(s + len - 1) % n];
                    int before = t[(s - 1 + n) % n];
                    int after = t[(s + len) % n];
                    double removeGain = d.distance(before, first) + d.distance(last, after) - d.distance(before, after);
                    for (int k = 0; k < n - len - 1; k++) {
                        // Edge (p, q) among the points outside the segment, walking on from "after".
                        int p = t[(s + len + k) % n];
                        int q = t[(s + len + k + 1) % n];
                        double forward = d.distance(p, first) + d.distance(last, q) - d.distance(p, q);
                        double backward = d.distance(p, last) + d.distance(first, q) - d.distance(p, q);
                        if (forward < removeGain - EPSILON || backward < removeGain - EPSILON) {
                            move(t, s, len, k, backward < forward);
                            again = true;
                            changed = true;
                            break search;
                        }
                    }
                }
            }
        }
        return changed;
    }

    /** Rebuilds t with the segment at s (length len) placed after the k-th point following it. */
    private static void move(int[] t, int s, int len, int k, boolean reversed) {
        int n = t.length;
        int[] segment = new int[len];
        for (int i = 0; i < len; i++) {
            segment[i] = t[(s + i) % n];
        }
        int[] others = new int[n - len];
        for (int i = 0; i < n - len; i++) {
            others[i] = t[(s + len + i) % n];
        }
        int pos = 0;
        for (int i = 0; i <= k; i++) {
            t[pos++] = others[i];
        }
        for (int i = 0; i < len; i++) {
            t[pos++] = reversed ? segment[len - 1 - i] : segment[i];
        }
        for (int i = k + 1; i < others.length; i++) {
            t[pos++] = others[i];
        }
    }

    private static void reverse(int[] t, int from, int to) {
        while (from < to) {
            int tmp = t[from];
            t[from++] = t[to];
            t[to--] = tmp;
        }
    }

    private static int[] rotateToZero(int[] t) {
        int n = t.length;
        int zero = 0;
        while (t[zero] != 0) {
            zero++;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = t[(zero + i) % n];
        }
        return out;
    }
}
