package io.llmopt.bpo.rewrite;

import java.util.concurrent.CompletableFuture;

/** Turns a user prompt into a prompt that should get a more helpful and harmless response. */
@FunctionalInterface
public interface PromptRewriter {

    /** Completes with the rewrite, or exceptionally with the model's LlmException. */
    CompletableFuture<Rewrite> rewrite(String prompt);
}
