package io.llmopt.bpo.judge;

import io.llmopt.bpo.template.BpoTemplates;
import io.llmopt.core.llm.ChatRequest;
import java.util.Map;

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
}
