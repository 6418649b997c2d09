package io.llmopt.bpo.rewrite;

import io.llmopt.bpo.template.BpoTemplates;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LanguageModel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Rewrites with a served BPO seq2seq model (for example THUDM/BPO behind vLLM).
 *
 * <p>The request is one user message holding the whole {@code [INST] ... [/INST]} template, with
 * at most 1024 new tokens as in the reference. Serve the model so that this text reaches it
 * unchanged (a pass-through chat template, or a completions endpoint behind the backend): a server
 * that applies the Llama-2 chat template again would wrap the markers twice.
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
        return ChatRequest.builder()
                .user(BpoTemplates.REWRITER.render(Map.of("prompt", prompt)))
                .temperature(mode.temperature())
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
