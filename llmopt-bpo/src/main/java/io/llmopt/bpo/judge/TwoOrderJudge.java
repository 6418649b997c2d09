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
    public CompletableFuture<JudgedItem> judge(EvalItem item) {
        CompletableFuture<OrderedVerdict> originalFirst = call(item, false);
        CompletableFuture<OrderedVerdict> rewrittenFirst = call(item, true);
        return originalFirst.thenCombine(rewrittenFirst, (a, b) -> new JudgedItem(item, combine(a, b), List.of(a, b)));
    }

    static Outcome combine(OrderedVerdict first, OrderedVerdict second) {
        Outcome a = first.forRewritten();
        Outcome b = second.forRewritten();
        if (a == Outcome.INVALID || b == Outcome.INVALID) {
            return Outcome.INVALID;
        }
        return a == b ? a : Outcome.TIE;
    }

    private CompletableFuture<OrderedVerdict> call(EvalItem item, boolean rewrittenFirst) {
        String answerA = rewrittenFirst ? item.rewrittenResponse() : item.originalResponse();
        String answerB = rewrittenFirst ? item.originalResponse() : item.rewrittenResponse();
        return model.chat(JudgePrompt.request(item.question(), answerA, answerB))
                .thenApply(r -> new OrderedVerdict(rewrittenFirst, VerdictParser.parse(r.text()), r.text()));
    }
}
