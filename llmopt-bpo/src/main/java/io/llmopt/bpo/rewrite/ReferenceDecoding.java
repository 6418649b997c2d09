package io.llmopt.bpo.rewrite;

import io.llmopt.core.llm.Sampling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoding constraints of the reference's {@code model.generate} calls (infer_example.py), as
 * request fields for a completions rewriter.
 *
 * <p>Both modes sample with HF's default {@code top_k=50}. Aggressive mode also bans four marker
 * words ({@code bad_words_ids}), ends at the end of sequence or the first newline
 * ({@code eos_token_id=[eos, 13]}; 13 is Llama 2's newline token) and forbids ending early
 * ({@code min_length}). vLLM says this with {@code bad_words}, {@code stop_token_ids} and
 * {@code min_tokens}; llama.cpp's server reads none of those, so it gets a -100 {@code logit_bias}
 * on each marker word (it bans every token the word splits into, a stricter ban than vLLM's ban of
 * the whole sequence) and the stop string {@code "\n"}.
 *
 * <p>The minimum length: the reference's {@code min_length} is the prompt's tokens plus 5, and HF
 * generate counts the prompt in {@code min_length} for a decoder-only model, so it asks for 5 new
 * tokens; vLLM's {@code min_tokens} counts new tokens only, so {@code min_tokens: 5} is the same
 * constraint (docs/bpo.md, "Minimum length").
 */
public final class ReferenceDecoding {

    /** HF generate's default top_k, which the reference never changes. */
    public static final int TOP_K = 50;
    /** The reference's bad words, in its order. */
    public static final List<String> BANNED_WORDS = List.of("[PROTECT]", "\n\n[PROTECT]", "[KEEP", "[INSTRUCTION]");
    /** Llama 2's newline token ({@code <0x0A>}), the reference's second end-of-sequence id. */
    public static final int NEWLINE_TOKEN = 13;
    /** New tokens before an end is allowed. */
    public static final int MIN_NEW_TOKENS = 5;
    /** The bias that bans a token (OpenAI: "should result in a ban"; llmopt's engine: minus infinity). */
    static final double BAN = -100.0;

    private ReferenceDecoding() {
    }

    /** The sampling fields of {@code mode} for a server of {@code dialect}. */
    public static Sampling sampling(RewriteMode mode, ServerDialect dialect) {
        Sampling.Builder b = Sampling.builder().topK(TOP_K);
        if (mode == RewriteMode.STABLE) {
            return b.build();
        }
        b.minTokens(MIN_NEW_TOKENS);
        if (dialect == ServerDialect.VLLM) {
            return b.badWords(BANNED_WORDS).stopTokenIds(List.of(NEWLINE_TOKEN)).build();
        }
        Map<String, Double> bias = new LinkedHashMap<>();
        for (String word : BANNED_WORDS) {
            // "\n\n[PROTECT]" cannot come out once "\n" stops the sample; banning its tokens would ban the newline itself
            if (!word.contains("\n")) {
                bias.put(word, BAN);
            }
        }
        return b.logitBias(bias).build();
    }

    /** The stop strings of {@code mode} for a server of {@code dialect} (vLLM stops on the token id instead). */
    public static List<String> stop(RewriteMode mode, ServerDialect dialect) {
        return mode == RewriteMode.AGGRESSIVE && dialect == ServerDialect.LLAMA_CPP ? List.of("\n") : List.of();
    }
}
