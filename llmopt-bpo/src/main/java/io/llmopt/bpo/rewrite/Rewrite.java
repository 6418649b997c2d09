package io.llmopt.bpo.rewrite;

import java.util.List;
import java.util.Objects;

/**
 * One rewrite of a prompt.
 *
 * @param original   the prompt given to the rewriter
 * @param rewritten  the chosen rewrite; the original itself when every sample came back empty
 * @param candidates every post-processed sample, in sample order
 */
public record Rewrite(String original, String rewritten, List<String> candidates) {

    public Rewrite {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(rewritten, "rewritten");
        candidates = List.copyOf(candidates);
    }

    /** True when the rewriter kept the prompt unchanged (the stable mode often does). */
    public boolean unchanged() {
        return rewritten.equals(original);
    }
}
