package io.llmopt.opro.numeric.tsp;

/**
 * The reference's {@code --starting_algorithm}: the tour it computes first (and excludes from the
 * random starting tours). Farthest insertion is the reference's default.
 */
public enum StartingAlgorithm {
    FARTHEST_INSERTION,
    NEAREST_NEIGHBOUR,
    EXACT;

    public TspSolver solver() {
        return switch (this) {
            case FARTHEST_INSERTION -> new FarthestInsertionSolver();
            case NEAREST_NEIGHBOUR -> new NearestNeighbourSolver();
            case EXACT -> new HeldKarpSolver();
        };
    }
}
