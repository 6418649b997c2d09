package io.llmopt.bpo.judge;

import io.llmopt.bpo.template.BpoTemplates;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LanguageModel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The pair-v2 judge request: its system message, the question and two answers, temperature 0. */
public final class JudgePrompt {

    private JudgePrompt() {
    }

    public static ChatRequest request(String question, String answerA, String answerB) {
        return ChatRequest.builder()
                .system(BpoTemplates.JUDGE_SYSTEM.text())
                .user(BpoTemplates.JUDGE_USER.render(Map.of("question", question, "answer_a", answerA, "answer_b", answerB)))
                .temperature(0)
                .build();
    }

    /** One judge call on an item, the rewritten prompt's response shown first or second, and its parsed verdict. */
    static CompletableFuture<OrderedVerdict> ask(LanguageModel model, EvalItem item, boolean rewrittenFirst) {
        String answerA = rewrittenFirst ? item.rewrittenResponse() : item.originalResponse();
        String answerB = rewrittenFirst ? item.originalResponse() : item.rewrittenResponse();
        return model.chat(request(item.question(), answerA, answerB))
                .thenApply(r -> new OrderedVerdict(rewrittenFirst, VerdictParser.parse(r.text()), r.text()));
    }
}
