package io.llmopt.bpo.data;

import java.util.Objects;

/**
 * One prompt of an evaluation set: what the user asks, as the responder and the judge see it.
 *
 * @param id       the set's own id (question_id, idx, id) or the record index
 * @param prompt   the full user prompt
 * @param category the set's category label, or null when it has none
 */
public record EvalPrompt(String id, String prompt, String category) {

    public EvalPrompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
    }
}
