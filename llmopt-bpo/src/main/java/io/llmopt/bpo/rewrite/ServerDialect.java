package io.llmopt.bpo.rewrite;

import io.llmopt.core.llm.ModelInfo;
import java.util.Locale;

/**
 * Which server's sampling fields carry the reference's decoding constraints to a completions
 * rewriter. vLLM has a field for each (banned word sequences, stop token ids, a minimum length);
 * llama.cpp's server has none of the three, so the same constraints are said with the fields it
 * reads (a logit bias on the words' tokens and a newline stop string).
 *
 * <p>Chosen by the model spec's provider: {@code llamacpp:} and {@code local:} speak llama.cpp,
 * every other provider (vllm:, openai-compatible:, ...) vLLM's fields.
 */
public enum ServerDialect {
    VLLM,
    LLAMA_CPP;

    /** The dialect of the server behind {@code info}, by its provider label. */
    public static ServerDialect of(ModelInfo info) {
        return switch (info.provider().toLowerCase(Locale.ROOT)) {
            case "llamacpp", "local" -> LLAMA_CPP;
            default -> VLLM;
        };
    }
}
