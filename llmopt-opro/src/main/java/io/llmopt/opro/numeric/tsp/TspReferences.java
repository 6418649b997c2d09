package io.llmopt.opro.numeric.tsp;

/**
 * Picks the reference a TSP run is measured against: the exact optimum by Held–Karp up to
 * {@link #EXACT_LIMIT} points, else 2-opt + Or-opt local search. The choice is recorded in
 * {@link TspReference#method()} so reports say which reference was used.
 *
 * <p>An external solver (e.g. OR-Tools routing) can be plugged in through {@link TspSolver};
 * none is bundled, to keep native libraries out of the default build.
 */
public final class TspReferences {

    /** The largest n solved exactly by default: 2^11 · 11 states, instant. */
    public static final int EXACT_LIMIT = 12;

    private TspReferences() {
    }

    public static TspReference best(TspInstance instance) {
        return instance.size() <= EXACT_LIMIT
                ? new HeldKarpSolver().solve(instance)
                : new LocalSearchSolver().solve(instance);
    }
}
