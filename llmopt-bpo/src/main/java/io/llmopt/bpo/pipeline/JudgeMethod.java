package io.llmopt.bpo.pipeline;

/** How each comparison is judged. */
public enum JudgeMethod {
    /**
     * Both orders at temperature 0; a win or loss counts only when both orders agree. The reference's
     * random-order figure is read off the same two calls (the order it would have drawn), so it
     * costs nothing extra.
     */
    TWO_ORDER,
    /** The reference's method alone: one call, the order drawn from the seed and the item id. */
    RANDOM_ORDER,
    /**
     * The reference's ranking judge: one call in the same seeded random order, the judge ranks the
     * two answers (no ties); a reply naming neither first is counted as the reference counts it.
     */
    RANKING
}
