package io.llmopt.opro.prompt;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.opro.meta.OptimizerStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the optimizer for a step's raw outputs: one future per sample, so the loop can screen and
 * start scoring each as soon as it arrives. Seeds depend only on the step and the sample, so a
 * resumed step asks exactly what the interrupted one asked.
 */
final class OptimizerSampler {

    private final LanguageModel optimizer;
    private final PromptOptimizationConfig config;

    OptimizerSampler(LanguageModel optimizer, PromptOptimizationConfig config) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The outputs of samples {@code from} (inclusive) to {@code config.candidatesPerStep()} (exclusive);
     * the list is indexed from sample {@code from}.
     */
    List<CompletableFuture<String>> sample(String metaPrompt, int step, double temperature, int from) {
        int k = config.candidatesPerStep();
        List<CompletableFuture<String>> outputs = new ArrayList<>();
        if (from >= k) {
            return outputs;
        }
        ChatRequest.Builder request = metaPromptRequest(metaPrompt).temperature(temperature)
                .maxTokens(config.optimizerMaxTokens());
        if (config.sampling() == OptimizerSampling.ONE_CALL) {
            // The same n-sample request as the first attempt, so a seeded or cached reply matches it.
            CompletableFuture<ChatResponse> call = optimizer.chat(request.n(k).seed(seedFor(step, 0)).build());
            for (int i = from; i < k; i++) {
                int sample = i;
                outputs.add(call.thenApply(r -> r.completions().get(sample).text()));
            }
            return outputs;
        }
        for (int i = from; i < k; i++) {
            outputs.add(optimizer.chat(request.n(1).seed(seedFor(step, i)).build()).thenApply(ChatResponse::text));
        }
        return outputs;
    }

    /**
     * The completion and pretrained styles are texts for a model to continue: an optimizer that
     * speaks the completions API gets them raw, as the reference sent them to text-bison and PaLM 2-L,
     * not wrapped in a chat template the model never saw. Everything else is one user message.
     */
    private ChatRequest.Builder metaPromptRequest(String metaPrompt) {
        boolean continuation = config.metaPromptConfig().style() != OptimizerStyle.CHAT;
        if (continuation && optimizer.info().api() == ModelApi.COMPLETIONS) {
            return ChatRequest.builder().rawPrompt(metaPrompt);
        }
        return ChatRequest.builder().user(metaPrompt);
    }

    private Long seedFor(int step, int sample) {
        Long base = config.optimizerSeed();
        return base == null ? null : base + (long) step * config.candidatesPerStep() + sample;
    }
}
