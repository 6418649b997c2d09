package io.llmopt.opro.numeric.linreg;

import io.llmopt.opro.numeric.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The linear-regression meta-prompt of the paper, byte for byte: (w, b, loss) triples with the
 * loss truncated to an integer, de-duplicated, sorted by loss descending and the last
 * {@code maxPairs} kept, so the best pairs come last.
 *
 * <p>Ties in the truncated loss keep evaluation order; the reference's order there follows
 * Python's set iteration and is not meaningful.
 */
public final class LinRegMetaPrompt {

    /** The reference's {@code max_num_pairs}. */
    public static final int DEFAULT_MAX_PAIRS = 20;

    static final String HEADER = "Now you will help me minimize a function with two input variables w, b. "
            + "I have some (w, b) pairs and the function values at those points. The pairs are arranged in "
            + "descending order based on their function values, where lower values are better.";
    static final String INSTRUCTION = "Give me a new (w, b) pair that is different from all pairs above, "
            + "and has a function value lower than any of the above. Do not write code. The output must end "
            + "with a pair [w, b], where w and b are numerical values.";

    private LinRegMetaPrompt() {
    }

    public static String build(List<Evaluation<WbPair>> scored, int maxPairs) {
        Set<Triple> triples = new LinkedHashSet<>();
        for (Evaluation<WbPair> e : scored) {
            // int(z) in the reference: truncation, and losses are never negative.
            triples.add(new Triple(e.solution().w(), e.solution().b(), (long) e.value()));
        }
        List<Triple> sorted = new ArrayList<>(triples);
        sorted.sort(Comparator.comparingLong(Triple::loss).reversed());
        List<Triple> shown = sorted.subList(Math.max(0, sorted.size() - maxPairs), sorted.size());

        StringBuilder pairs = new StringBuilder();
        for (Triple t : shown) {
            if (!pairs.isEmpty()) {
                pairs.append("\n\n");
            }
            pairs.append("input:\nw=").append(t.w).append(", b=").append(t.b).append("\nvalue:\n").append(t.loss);
        }
        return HEADER + "\n\n" + pairs + "\n\n" + INSTRUCTION;
    }

    private record Triple(long w, long b, long loss) {
    }
}
