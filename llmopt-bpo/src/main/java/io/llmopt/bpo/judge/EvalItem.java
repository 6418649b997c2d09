package io.llmopt.bpo.judge;

import java.util.Objects;

/**
 * One comparison to judge: the user's question and the responses to the original and to the
 * rewritten prompt.
 *
 * @param id                the evaluation prompt's id
 * @param category          its category, or null
 * @param question          the original user prompt, shown to the judge as the question
 * @param originalResponse  the response to the original prompt
 * @param rewrittenResponse the response to the rewritten prompt
 */
public record EvalItem(String id, String category, String question, String originalResponse, String rewrittenResponse) {

    public EvalItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(originalResponse, "originalResponse");
        Objects.requireNonNull(rewrittenResponse, "rewrittenResponse");
    }
}
