package io.llmopt.core.http;

import java.util.Locale;
import java.util.Set;

/**
 * The kinds of OpenAI-compatible server llmopt can tell apart from their {@code /v1/models} reply
 * ({@code owned_by}), and which of the further sampling fields each is known to ignore silently.
 * Fields a server refuses with an error (OpenAI answers 400 to a field it does not know) are not
 * listed: the refusal says so itself.
 */
enum ServerFamily {
    /** vLLM: every field is a vLLM sampling parameter. */
    VLLM("vLLM", Set.of()),
    /**
     * llama.cpp's server: reads top_k, min_p, the presence and frequency penalties, logit_bias and
     * logprobs; its repetition penalty is called repeat_penalty, and it has no min_tokens,
     * stop_token_ids or bad_words.
     */
    LLAMA_CPP("llama.cpp", Set.of("repetition_penalty", "min_tokens", "stop_token_ids", "bad_words")),
    /** Ollama's OpenAI-compatible API: only the OpenAI basics and the two penalties. */
    OLLAMA("Ollama", Set.of("top_k", "min_p", "repetition_penalty", "min_tokens", "stop_token_ids", "bad_words",
            "logit_bias", "logprobs")),
    /** llmopt's simulated server: records every field and applies none, but returns log-probabilities when asked. */
    SIMULATOR("the simulated server", Set.of("top_k", "min_p", "repetition_penalty", "presence_penalty",
            "frequency_penalty", "min_tokens", "stop_token_ids", "bad_words", "logit_bias")),
    /** Not recognised (or no /v1/models): no claim is made, no warning given. */
    UNKNOWN("an unrecognised server", Set.of());

    private final String label;
    private final Set<String> ignored;

    ServerFamily(String label, Set<String> ignored) {
        this.label = label;
        this.ignored = ignored;
    }

    String label() {
        return label;
    }

    /** True when this server is known to accept {@code field} (a wire name) and not apply it. */
    boolean ignores(String field) {
        return ignored.contains(field);
    }

    /** The family a model entry's {@code owned_by} names. */
    static ServerFamily fromOwnedBy(String ownedBy) {
        if (ownedBy == null) {
            return UNKNOWN;
        }
        return switch (ownedBy.toLowerCase(Locale.ROOT)) {
            case "vllm" -> VLLM;
            case "llamacpp" -> LLAMA_CPP;
            case "library", "ollama" -> OLLAMA;
            case "llmopt-sim" -> SIMULATOR;
            default -> UNKNOWN;
        };
    }
}
