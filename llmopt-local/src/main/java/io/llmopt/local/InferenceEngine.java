package io.llmopt.local;

import io.llmopt.core.llm.ChatRequest;

import java.util.List;

/** What the OpenAI-compatible server needs from a model: chat completions, embeddings, token counts. */
public interface InferenceEngine {

    /** The name the model is served under. */
    String modelName();

    /** Tokens of context one request may use: prompt plus completion. */
    int contextPerSlot();

    /**
     * The {@code request.n()} completions of a chat request; sample {@code i} uses seed
     * {@code seed + i}, as the HTTP backend does when it splits n into single calls.
     *
     * @throws IllegalArgumentException when the request cannot be served (e.g. the prompt is too long)
     */
    List<Generation> generate(ChatRequest request);

    /** The L2-normalised embedding of {@code text}. */
    float[] embed(String text);

    /** Tokens in {@code text} under the model's tokenizer. */
    int countTokens(String text);
}
