package io.llmopt.local;

import io.llmopt.core.llm.ChatMessage;

import java.util.List;

/** What the OpenAI-compatible server needs from a model: completions, embeddings, token counts. */
public interface InferenceEngine {

    /** The name the model is served under. */
    String modelName();

    /** Tokens of context one request may use: prompt plus completion. */
    int contextPerSlot();

    /**
     * The {@code sampling.n()} completions of a chat request, its messages rendered by the chat
     * template; sample {@code i} uses seed {@code seed + i}, as the HTTP backend does when it splits
     * n into single calls.
     *
     * @throws IllegalArgumentException when the request cannot be served (e.g. the prompt is too long)
     */
    List<Generation> chat(List<ChatMessage> messages, Sampling sampling);

    /** As {@link #chat}, for a raw prompt: no template, the text as given (BOS per the engine's policy). */
    List<Generation> complete(String prompt, Sampling sampling);

    /** The L2-normalised embedding of {@code text}. */
    float[] embed(String text);

    /** Tokens in {@code text} under the model's tokenizer. */
    int countTokens(String text);
}
