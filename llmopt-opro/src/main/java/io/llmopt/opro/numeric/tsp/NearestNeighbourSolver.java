package io.llmopt.opro.numeric.tsp;

/**
 * Nearest neighbour from point 0, ties to the lowest id, as the reference's
 * "nearest_neighbor" starting algorithm (its length is likewise summed in visiting order).
 */
public final class NearestNeighbourSolver implements TspSolver {

    @Override
    public TspReference solve(TspInstance instance) {
        int n = instance.size();
        boolean[] visited = new boolean[n];
        int[] order = new int[n];
        visited[0] = true;
        for (int pos = 1; pos < n; pos++) {
            int from = order[pos - 1];
            int nearest = -1;
            double nearestDistance = Double.POSITIVE_INFINITY;
            for (int p = 1; p < n; p++) {
                if (!visited[p] && instance.distance(from, p) < nearestDistance) {
                    nearest = p;
                    nearestDistance = instance.distance(from, p);
                }
            }
            order[pos] = nearest;
            visited[nearest] = true;
        }
        Tour tour = new Tour(order);
        return new TspReference(tour, instance.reportedLength(tour), "nearest-neighbour", false);
    }
}
