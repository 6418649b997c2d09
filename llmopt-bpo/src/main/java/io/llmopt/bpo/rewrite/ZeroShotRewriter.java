package io.llmopt.bpo.rewrite;

import io.llmopt.core.llm.LanguageModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Rewrites with an instruction-tuned LLM given the rewriter instruction alone: the baseline without examples. */
public final class ZeroShotRewriter implements PromptRewriter {

    private final InContextRewriter delegate;

    public ZeroShotRewriter(LanguageModel model, ChatRewriterOptions options) {
        this.delegate = new InContextRewriter(model, List.of(), new Bm25Index(List.of()), 0, options);
    }

    private ZeroShotRewriter(InContextRewriter delegate) {
        this.delegate = delegate;
    }

    /** The same rewriter with other options (e.g. told to keep the prompt's language). */
    public ZeroShotRewriter withOptions(ChatRewriterOptions value) {
        return new ZeroShotRewriter(delegate.withOptions(value));
    }

    @Override
    public CompletableFuture<Rewrite> rewrite(String prompt) {
        return delegate.rewrite(prompt);
    }
}
