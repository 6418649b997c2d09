package io.llmopt.bpo.data;

import java.util.Objects;

/**
 * One example of the BPO test set: a prompt, the optimized prompt the authors' pipeline produced,
 * and the good and bad response it was built from.
 */
public record BpoTestExample(String id, String prompt, String optimizedPrompt, String goodResponse,
                             String badResponse) {

    public BpoTestExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(optimizedPrompt, "optimizedPrompt");
        Objects.requireNonNull(goodResponse, "goodResponse");
        Objects.requireNonNull(badResponse, "badResponse");
    }

    public EvalPrompt toEvalPrompt() {
        return new EvalPrompt(id, prompt, null);
    }
}
