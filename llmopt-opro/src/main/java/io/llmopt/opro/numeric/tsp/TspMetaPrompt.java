package io.llmopt.opro.numeric.tsp;

import io.llmopt.opro.numeric.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The TSP meta-prompt of the paper, byte for byte: the points, then (trace, length) pairs with
 * integer lengths sorted by length descending, the last {@code maxPairs} kept.
 *
 * <p>Ties in length keep evaluation order; the reference's follows Python's set iteration.
 */
public final class TspMetaPrompt {

    /** The reference's {@code max_num_pairs}. */
    public static final int DEFAULT_MAX_PAIRS = 10;

    static final String HISTORY_HEADER = "Below are some previous traces and their lengths. The traces are arranged "
            + "in descending order based on their lengths, where lower values are better.";
    static final String INSTRUCTION = "Give me a new trace that is different from all traces above, and has a length "
            + "lower than any of the above. The trace should traverse all points exactly once. The trace should "
            + "start with '<trace>' and end with </trace>.";

    private TspMetaPrompt() {
    }

    public static String build(TspInstance instance, List<Evaluation<Tour>> scored, int maxPairs) {
        Set<Entry> entries = new LinkedHashSet<>();
        for (Evaluation<Tour> e : scored) {
            entries.add(new Entry(e.solution().trace(), (long) e.value()));
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::length).reversed());
        List<Entry> shown = sorted.subList(Math.max(0, sorted.size() - maxPairs), sorted.size());

        StringBuilder out = new StringBuilder("You are given a list of points with coordinates below:\n");
        for (int i = 0; i < instance.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('(').append(i).append("): (").append(instance.x(i)).append(", ").append(instance.y(i)).append(')');
        }
        out.append(".\n\n").append(HISTORY_HEADER).append("\n\n");
        for (int i = 0; i < shown.size(); i++) {
            if (i > 0) {
                out.append("\n\n");
            }
            out.append("<trace> ").append(shown.get(i).trace).append(" </trace>\nlength:\n").append(shown.get(i).length);
        }
        return out.append("\n\n").append(INSTRUCTION).toString();
    }

    private record Entry(String trace, long length) {
    }
}
