package io.llmopt.local;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the engine samples one request: the OpenAI fields plus those llama.cpp supports natively or
 * that the engine implements around it. Null means "not set": llama.cpp's own default for that
 * sampler is then switched off, so that temperature and top_p alone shape the distribution, as
 * with OpenAI.
 *
 * @param temperature      0 to 2; 0 is greedy
 * @param topP             nucleus mass, or null for 1
 * @param maxTokens        cap on completion tokens, or null for the rest of the slot's context
 * @param stop             stop strings, cut from the text
 * @param seed             seed of sample 0 (sample i uses seed + i), or null for a random one
 * @param n                samples, 1 to {@link OpenAiWire#MAX_N}
 * @param topK             keep the k most likely tokens, or null (0) for no limit
 * @param minP             drop tokens below min_p times the top probability, or null
 * @param repeatPenalty    llama.cpp's (and vLLM's repetition_penalty) multiplicative penalty, or null
 * @param presencePenalty  OpenAI's additive presence penalty, or null
 * @param frequencyPenalty OpenAI's additive frequency penalty, or null
 * @param minTokens        end-of-generation, stop token ids and stop strings are held off until this many
 *                         tokens are generated (vLLM's min_tokens); null or 0 for none
 * @param stopTokenIds     token ids that end the completion when generated; their text stays in the output
 *                         (vLLM's behaviour for non-special tokens)
 * @param logitBias        token id to additive bias; {@link Double#NEGATIVE_INFINITY} bans the token
 * @param textBias         text to a bias for every token the text splits into (llama-server's
 *                         {@code logit_bias} with a text key); the engine turns it into {@code logitBias}
 */
public record Sampling(double temperature, Double topP, Integer maxTokens, List<String> stop, Long seed, int n,
                       Integer topK, Double minP, Double repeatPenalty, Double presencePenalty, Double frequencyPenalty,
                       Integer minTokens, List<Integer> stopTokenIds, Map<Integer, Double> logitBias,
                       Map<String, Double> textBias) {

    public Sampling(double temperature, Double topP, Integer maxTokens, List<String> stop, Long seed, int n,
                    Integer topK, Double minP, Double repeatPenalty, Double presencePenalty, Double frequencyPenalty,
                    Integer minTokens, List<Integer> stopTokenIds, Map<Integer, Double> logitBias) {
        this(temperature, topP, maxTokens, stop, seed, n, topK, minP, repeatPenalty, presencePenalty, frequencyPenalty,
                minTokens, stopTokenIds, logitBias, Map.of());
    }

    public Sampling {
        stop = List.copyOf(Objects.requireNonNull(stop, "stop"));
        stopTokenIds = List.copyOf(Objects.requireNonNull(stopTokenIds, "stopTokenIds"));
        logitBias = Map.copyOf(Objects.requireNonNull(logitBias, "logitBias"));
        textBias = textBias == null ? Map.of() : Map.copyOf(textBias);
        for (Map.Entry<String, Double> e : textBias.entrySet()) {
            double bias = e.getValue();
            if (e.getKey().isEmpty() || (bias != Double.NEGATIVE_INFINITY && (bias < -100 || bias > 100))) {
                throw new IllegalArgumentException("logit_bias for \"" + e.getKey()
                        + "\" must be between -100 and 100 (or false to ban it), got " + bias);
            }
        }
        range("temperature", temperature, 0, 2);
        if (topP != null) {
            range("top_p", topP, 0, 1);
            if (topP == 0) {
                throw new IllegalArgumentException("top_p must be above 0, got 0");
            }
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
        }
        if (n < 1 || n > OpenAiWire.MAX_N) {
            throw new IllegalArgumentException("n must be between 1 and " + OpenAiWire.MAX_N + ", got " + n);
        }
        if (topK != null && topK < 0) {
            throw new IllegalArgumentException("top_k must be 0 (no limit) or more, got " + topK);
        }
        if (minP != null) {
            range("min_p", minP, 0, 1);
        }
        if (repeatPenalty != null && (repeatPenalty <= 0 || repeatPenalty > 10)) {
            throw new IllegalArgumentException("repetition_penalty must be above 0 and at most 10, got " + repeatPenalty);
        }
        if (presencePenalty != null) {
            range("presence_penalty", presencePenalty, -2, 2);
        }
        if (frequencyPenalty != null) {
            range("frequency_penalty", frequencyPenalty, -2, 2);
        }
        if (minTokens != null && (minTokens < 0 || (maxTokens != null && minTokens > maxTokens))) {
            throw new IllegalArgumentException("min_tokens must be between 0 and max_tokens, got " + minTokens);
        }
        for (Map.Entry<Integer, Double> e : logitBias.entrySet()) {
            double bias = e.getValue();
            if (bias != Double.NEGATIVE_INFINITY && (bias < -100 || bias > 100)) {
                throw new IllegalArgumentException("logit_bias for token " + e.getKey()
                        + " must be between -100 and 100 (or false to ban it), got " + bias);
            }
        }
    }

    /** Greedy, one sample, nothing else set. */
    public static Sampling greedy(Integer maxTokens) {
        return new Sampling(0, null, maxTokens, List.of(), null, 1, null, null, null, null, null, null, List.of(), Map.of());
    }

    /** The same sampling with the text biases turned into token biases (an id given itself keeps its bias). */
    Sampling withTextBiasAs(Map<Integer, Double> tokenBias) {
        Map<Integer, Double> merged = new java.util.LinkedHashMap<>(tokenBias);
        merged.putAll(logitBias);
        return new Sampling(temperature, topP, maxTokens, stop, seed, n, topK, minP, repeatPenalty, presencePenalty,
                frequencyPenalty, minTokens, stopTokenIds, merged, Map.of());
    }

    int minTokensOrZero() {
        return minTokens == null ? 0 : minTokens;
    }

    private static void range(String field, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
