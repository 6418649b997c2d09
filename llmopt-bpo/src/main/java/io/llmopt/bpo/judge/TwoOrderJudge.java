package io.llmopt.bpo.judge;

import io.llmopt.core.llm.LanguageModel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Judges each comparison twice, once in each order, at temperature 0. The rewritten prompt wins only
 * if it wins in both orders and loses only if it loses in both; any disagreement, or a tie, is a
 * tie. A judge that favours a position therefore cannot manufacture wins or losses: its biased
 * calls cancel out. A missing verdict in either order makes the item invalid.
 */
public final class TwoOrderJudge implements PairwiseJudge {

    private final LanguageModel model;

    public TwoOrderJudge(LanguageModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public CompletableFuture<JudgedItem> judge(EvalItem item, Calls through) {
        CompletableFuture<OrderedVerdict> originalFirst = through.make(false, () -> JudgePrompt.ask(model, item, false));
        CompletableFuture<OrderedVerdict> rewrittenFirst = through.make(true, () -> JudgePrompt.ask(model, item, true));
        // both calls end before the item does, so a failed one never leaves the other running unseen
        return CompletableFuture.allOf(originalFirst, rewrittenFirst).thenApply(v -> {
            OrderedVerdict a = originalFirst.join();
            OrderedVerdict b = rewrittenFirst.join();
            return new JudgedItem(item, combine(a, b), List.of(a, b));
        });
    }

    static Outcome combine(OrderedVerdict first, OrderedVerdict second) {
        Outcome a = first.forRewritten();
        Outcome b = second.forRewritten();
        if (a == Outcome.INVALID || b == Outcome.INVALID) {
            return Outcome.INVALID;
        }
        return a == b ? a : Outcome.TIE;
    }
}
