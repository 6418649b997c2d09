package io.llmopt.bpo.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Applies a rewriter {@code rounds} times, feeding each result back in and keeping every round, so
 * each can be judged (the BPO paper saw gains up to about four rounds).
 */
public final class IterativeRewriter {

    private final PromptRewriter rewriter;
    private final int rounds;

    public IterativeRewriter(PromptRewriter rewriter, int rounds) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        this.rounds = rounds;
    }

    public CompletableFuture<IterativeRewrite> rewrite(String prompt) {
        CompletableFuture<List<Rewrite>> chain = CompletableFuture.completedFuture(List.of());
        for (int r = 0; r < rounds; r++) {
            chain = chain.thenCompose(done -> {
                String input = done.isEmpty() ? prompt : done.getLast().rewritten();
                return rewriter.rewrite(input).thenApply(next -> {
                    List<Rewrite> all = new ArrayList<>(done);
                    all.add(next);
                    return all;
                });
            });
        }
        return chain.thenApply(all -> new IterativeRewrite(prompt, all));
    }
}
