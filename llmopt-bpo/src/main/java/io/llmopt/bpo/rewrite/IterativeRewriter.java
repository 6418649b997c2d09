package io.llmopt.bpo.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Applies a rewriter {@code rounds} times, feeding each result back in and keeping every round, so
 * each can be judged (the BPO paper saw gains up to about four rounds).
 */
public final class IterativeRewriter {

    /**
     * How each round's model call is made: {@link #DIRECT}ly, or through a store that returns the
     * round an interrupted run already made and keeps each new one as soon as it is made.
     */
    @FunctionalInterface
    public interface Rounds {

        /** Every round calls the rewriter. */
        Rounds DIRECT = (round, call) -> call.get();

        /**
         * @param round the round, from 1
         * @param call  the round's rewriter call; its input is the previous round's result
         */
        CompletableFuture<Rewrite> make(int round, Supplier<CompletableFuture<Rewrite>> call);
    }

    private final PromptRewriter rewriter;
    private final int rounds;

    public IterativeRewriter(PromptRewriter rewriter, int rounds) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        this.rounds = rounds;
    }

    /** How many rounds each prompt is rewritten. */
    public int rounds() {
        return rounds;
    }

    public CompletableFuture<IterativeRewrite> rewrite(String prompt) {
        return rewrite(prompt, Rounds.DIRECT);
    }

    /** The same, each round's call made through {@code through}. */
    public CompletableFuture<IterativeRewrite> rewrite(String prompt, Rounds through) {
        Objects.requireNonNull(through, "through");
        CompletableFuture<List<Rewrite>> chain = CompletableFuture.completedFuture(List.of());
        for (int r = 1; r <= rounds; r++) {
            int round = r;
            chain = chain.thenCompose(done -> {
                String input = done.isEmpty() ? prompt : done.getLast().rewritten();
                return through.make(round, () -> rewriter.rewrite(input)).thenApply(next -> {
                    List<Rewrite> all = new ArrayList<>(done);
                    all.add(next);
                    return all;
                });
            });
        }
        return chain.thenApply(all -> new IterativeRewrite(prompt, all));
    }
}
