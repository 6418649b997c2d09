package io.llmopt.bpo.rewrite;

import io.llmopt.bpo.template.BpoTemplates;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelApi;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Rewrites with a served BPO seq2seq model (for example THUDM/BPO behind vLLM).
 *
 * <p>The text is the reference's {@code prompt_template.format(prompt)}, the whole
 * {@code [INST] ... [/INST]}, with at most 1024 new tokens. A rewriter that speaks the completions
 * API gets it as a raw prompt (the server adds the BOS token, as the reference's tokenizer does)
 * with the reference's decoding constraints ({@link ReferenceDecoding}) in its server's
 * {@link ServerDialect}. A chat rewriter gets it as one user message with the basic fields only,
 * as before; serve it with a pass-through chat template, or the Llama 2 template wraps it twice.
 */
public final class ModelRewriter implements PromptRewriter {

    /** The reference's max_new_tokens. */
    public static final int MAX_TOKENS = 1024;

    private final LanguageModel model;
    private final RewriteMode mode;
    private final SampleChoice choice;

    public ModelRewriter(LanguageModel model, RewriteMode mode, SampleChoice choice) {
        this.model = Objects.requireNonNull(model, "model");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.choice = Objects.requireNonNull(choice, "choice");
    }

    /** Stable mode. */
    public ModelRewriter(LanguageModel model) {
        this(model, RewriteMode.STABLE, SampleChoice.FIRST);
    }

    ChatRequest request(String prompt) {
        String text = BpoTemplates.REWRITER.render(Map.of("prompt", prompt));
        ChatRequest.Builder b = ChatRequest.builder();
        if (model.info().api() == ModelApi.COMPLETIONS) {
            ServerDialect dialect = ServerDialect.of(model.info());
            b.rawPrompt(text).sampling(ReferenceDecoding.sampling(mode, dialect)).stop(ReferenceDecoding.stop(mode, dialect));
        } else {
            b.user(text);
        }
        return b.temperature(mode.temperature())
                .topP(mode.topP())
                .maxTokens(MAX_TOKENS)
                .n(mode.samples())
                .build();
    }

    @Override
    public CompletableFuture<Rewrite> rewrite(String prompt) {
        return model.chat(request(prompt)).thenApply(response -> {
            List<String> candidates = response.texts().stream().map(t -> RewriterOutput.clean(t, mode)).toList();
            return new Rewrite(prompt, choice.choose(candidates).orElse(prompt), candidates);
        });
    }
}
