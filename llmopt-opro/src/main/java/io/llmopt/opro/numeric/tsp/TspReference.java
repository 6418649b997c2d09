package io.llmopt.opro.numeric.tsp;

import java.util.Objects;

/**
 * A reference tour to measure optimizer tours against.
 *
 * @param tour   the tour, starting at point 0
 * @param length its length as the reference reports lengths (truncated to an integer)
 * @param method which solver produced it ("held-karp", "nearest-neighbour", ...)
 * @param exact  true when the tour is provably optimal
 */
public record TspReference(Tour tour, long length, String method, boolean exact) {

    public TspReference {
        Objects.requireNonNull(tour, "tour");
        Objects.requireNonNull(method, "method");
    }

    /** The relative gap of {@code length} over this reference, in percent. */
    public double gapPercent(long otherLength) {
        return 100.0 * (otherLength - length) / length;
    }
}
