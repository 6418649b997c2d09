package io.llmopt.bpo.rewrite;

import java.util.List;
import java.util.Objects;

/**
 * The rounds of an iterative rewrite: round i rewrites round i-1's result.
 *
 * @param original the user's prompt
 * @param rounds   every round's rewrite, first round first
 */
public record IterativeRewrite(String original, List<Rewrite> rounds) {

    public IterativeRewrite {
        Objects.requireNonNull(original, "original");
        rounds = List.copyOf(rounds);
    }

    /** The prompt after {@code round} rounds (0 gives the original). */
    public String after(int round) {
        if (round < 0 || round > rounds.size()) {
            throw new IndexOutOfBoundsException("round " + round + " of " + rounds.size());
        }
        return round == 0 ? original : rounds.get(round - 1).rewritten();
    }

    /** The last round's prompt. */
    public String last() {
        return after(rounds.size());
    }
}
