package io.llmopt.bpo.judge;

import io.llmopt.core.llm.LanguageModel;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The reference's method: one judge call per comparison with the order drawn at random, for
 * numbers comparable with the paper. Position bias then adds noise instead of cancelling; prefer
 * {@link TwoOrderJudge} for decisions. The order is drawn from the seed and the item's id, so it
 * does not depend on how calls interleave.
 */
public final class RandomOrderJudge implements PairwiseJudge {

    private final LanguageModel model;
    private final long seed;

    public RandomOrderJudge(LanguageModel model, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.seed = seed;
    }

    /** Whether the rewritten prompt's response is shown first for this item: seeded by the seed and the item id. */
    public boolean rewrittenFirst(EvalItem item) {
        return rewrittenFirst(seed, item);
    }

    /** The seeded draw every single-call method shares, so a method change keeps each item's order. */
    static boolean rewrittenFirst(long seed, EvalItem item) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + item.id().hashCode()).nextBoolean();
    }

    @Override
    public CompletableFuture<JudgedItem> judge(EvalItem item, Calls through) {
        boolean rewrittenFirst = rewrittenFirst(item);
        return through.make(rewrittenFirst, () -> JudgePrompt.ask(model, item, rewrittenFirst))
                .thenApply(verdict -> new JudgedItem(item, verdict.forRewritten(), List.of(verdict)));
    }
}
