package io.llmopt.opro.racing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a candidate must reach to be shown in the meta-prompt: the k-th best incumbent's score or
 * the score threshold, whichever is higher. A candidate whose full-split accuracy is strictly
 * below the bar cannot enter the top-k (k incumbents are at least as good) or is filtered out by
 * the threshold, so dropping it changes nothing the optimizer sees.
 *
 * @param score     the bar, 0 to 1
 * @param incumbent the k-th best incumbent when it sets the bar, so comparisons can be paired on
 *                  the same examples; empty when the threshold sets it
 */
public record Bar(double score, Optional<Incumbent> incumbent) {

    /** No bar: fewer than k incumbents and no threshold, so every candidate can enter. */
    public static final Bar NONE = new Bar(Double.NEGATIVE_INFINITY, Optional.empty());

    public Bar {
        if (incumbent.isPresent() && incumbent.get().score() != score) {
            throw new IllegalArgumentException("a paired bar's score must be its incumbent's score");
        }
    }

    /**
     * The bar for a step.
     *
     * @param incumbents     the scored instructions that compete for the meta-prompt, in any order
     * @param k              how many instructions the meta-prompt shows
     * @param scoreThreshold the lowest score the meta-prompt shows (0 for none)
     */
    public static Bar of(List<Incumbent> incumbents, int k, double scoreThreshold) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Optional<Incumbent> kth = incumbents.size() < k
                ? Optional.empty()
                : Optional.of(incumbents.stream()
                        .sorted(Comparator.comparingDouble(Incumbent::score).reversed())
                        .toList()
                        .get(k - 1));
        // At equal scores the incumbent is preferred: pairing on the same examples is more powerful.
        if (kth.isPresent() && kth.get().score() >= scoreThreshold) {
            return new Bar(kth.get().score(), kth);
        }
        if (scoreThreshold > 0) {
            return new Bar(scoreThreshold, Optional.empty());
        }
        return NONE;
    }

    /** Whether any candidate could be dropped at all. */
    public boolean canDrop() {
        return score > 0;
    }

    /** Whether comparisons are paired with an incumbent's per-example results. */
    public boolean paired() {
        return incumbent.isPresent();
    }
}
