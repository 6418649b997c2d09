package io.llmopt.opro.numeric.tsp;

import java.util.ArrayList;
import java.util.List;

/**
 * Farthest insertion exactly as the reference's default starting algorithm: starting from
 * {@code [0]}, for every remaining point find the position that gives the shortest tour, then
 * insert the point whose shortest tour is longest. Like the reference it compares whole-tour
 * lengths truncated to integers, ties going to the earliest point and position; O(n⁴), fine
 * for the paper's sizes (n ≤ 100).
 */
public final class FarthestInsertionSolver implements TspSolver {

    @Override
    public TspReference solve(TspInstance instance) {
        int n = instance.size();
        List<Integer> tour = new ArrayList<>(List.of(0));
        List<Integer> remaining = new ArrayList<>();
        for (int p = 1; p < n; p++) {
            remaining.add(p);
        }
        while (!remaining.isEmpty()) {
            int chosen = -1;
            long chosenLength = -1;
            int chosenIndex = -1;
            for (int p : remaining) {
                long shortest = -1;
                int shortestIndex = -1;
                for (int index = 1; index <= tour.size(); index++) {
                    long length = truncatedLengthWithInsertion(instance, tour, p, index);
                    if (shortest == -1 || length < shortest) {
                        shortest = length;
                        shortestIndex = index;
                    }
                }
                if (chosenLength == -1 || shortest > chosenLength) {
                    chosen = p;
                    chosenLength = shortest;
                    chosenIndex = shortestIndex;
                }
            }
            tour.add(chosenIndex, chosen);
            remaining.remove(Integer.valueOf(chosen));
        }
        Tour result = new Tour(tour.stream().mapToInt(Integer::intValue).toArray());
        return new TspReference(result, instance.reportedLength(result), "farthest-insertion", false);
    }

    /** The truncated length of {@code tour} with {@code point} inserted before {@code index}, summed in order. */
    private static long truncatedLengthWithInsertion(TspInstance instance, List<Integer> tour, int point, int index) {
        int size = tour.size() + 1;
        double sum = 0;
        int first = tour.get(0);
        int previous = first;
        for (int i = 1; i < size; i++) {
            int current = i < index ? tour.get(i) : i == index ? point : tour.get(i - 1);
            sum += instance.distance(previous, current);
            previous = current;
        }
        return (long) (sum + instance.distance(previous, first));
    }
}
