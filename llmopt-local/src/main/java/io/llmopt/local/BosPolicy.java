package io.llmopt.local;

import java.util.Locale;

/**
 * Whether a prompt's tokens start with BOS. The engine tokenizes every prompt itself (special
 * tokens in the text, such as {@code <s>} or {@code <|im_start|>}, are parsed as such) and adds BOS
 * per this policy, so the tokens the model receives are exactly the ones counted in
 * {@code usage.prompt_tokens}. BOS is never doubled: a prompt whose text already starts with it
 * gets no second one.
 */
public enum BosPolicy {
    /** As llama.cpp and Hugging Face tokenizers do: when the GGUF says so ({@code tokenizer.ggml.add_bos_token}). */
    MODEL,
    /** Always, whatever the GGUF says. */
    ALWAYS,
    /** Never: the prompt's own tokens only. */
    NEVER;

    boolean adds(GgufFile.Tokenizer tokenizer) {
        return switch (this) {
            case MODEL -> tokenizer.addsBos();
            case ALWAYS -> true;
            case NEVER -> false;
        };
    }

    static BosPolicy parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--bos must be model, always or never, got '" + value + "'");
        }
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
