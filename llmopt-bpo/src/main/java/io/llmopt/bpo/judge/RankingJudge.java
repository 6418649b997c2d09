package io.llmopt.bpo.judge;

import io.llmopt.bpo.template.BpoTemplates;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LanguageModel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The reference's second judge: the answers to one prompt are ranked in one call ({@code model_1},
 * {@code model_2}, shown in the seeded random order of {@link RandomOrderJudge}), at temperature 0.
 * The reference sent the whole text, with its {@code Human:}/{@code Assistant:} turns, to Claude as
 * one prompt; here it is one user message.
 */
public final class RankingJudge implements PairwiseJudge {

    private final LanguageModel model;
    private final long seed;

    public RankingJudge(LanguageModel model, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.seed = seed;
    }

    public static ChatRequest request(String question, String first, String second) {
        return ChatRequest.builder()
                .user(BpoTemplates.JUDGE_RANKING.render(Map.of("instruction", question, "output_1", first, "output_2", second)))
                .temperature(0)
                .build();
    }

    @Override
    public CompletableFuture<JudgedItem> judge(EvalItem item, Calls through) {
        boolean rewrittenFirst = RandomOrderJudge.rewrittenFirst(seed, item);
        String first = rewrittenFirst ? item.rewrittenResponse() : item.originalResponse();
        String second = rewrittenFirst ? item.originalResponse() : item.rewrittenResponse();
        return through.make(rewrittenFirst, () -> model.chat(request(item.question(), first, second))
                        .thenApply(r -> new OrderedVerdict(rewrittenFirst, RankingParser.parse(r.text()), r.text())))
                .thenApply(verdict -> new JudgedItem(item, verdict.forRewritten(), List.of(verdict)));
    }
}
