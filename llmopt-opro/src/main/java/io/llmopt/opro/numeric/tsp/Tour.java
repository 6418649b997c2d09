package io.llmopt.opro.numeric.tsp;

import java.util.Arrays;
import java.util.StringJoiner;

/** A closed tour: the order in which point ids are visited. Immutable. */
public final class Tour {

    private final int[] order;

    public Tour(int... order) {
        if (order.length == 0) {
            throw new IllegalArgumentException("a tour visits at least one point");
        }
        this.order = order.clone();
    }

    public int[] order() {
        return order.clone();
    }

    public int size() {
        return order.length;
    }

    public int at(int index) {
        return order[index];
    }

    /** "0,3,1,2": the reference's trace string and our de-duplication key. */
    public String trace() {
        StringJoiner joiner = new StringJoiner(",");
        for (int p : order) {
            joiner.add(Integer.toString(p));
        }
        return joiner.toString();
    }

    /** True when every id in 0..n-1 appears exactly once. */
    public boolean isPermutationOf(int n) {
        if (order.length != n) {
            return false;
        }
        boolean[] seen = new boolean[n];
        for (int p : order) {
            if (p < 0 || p >= n || seen[p]) {
                return false;
            }
            seen[p] = true;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tour t && Arrays.equals(order, t.order);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(order);
    }

    @Override
    public String toString() {
        return trace();
    }
}
