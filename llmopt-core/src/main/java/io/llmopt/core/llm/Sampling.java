package io.llmopt.core.llm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sampling fields beyond the OpenAI basics, each sent to the server only when set (null, or an
 * empty list or map, means "the server's default"). Names follow vLLM's sampling parameters, which
 * llama.cpp's server and OpenAI accept where they support the field.
 *
 * <p>Bound from a configuration as {@code models.NAME.sampling: {top_k: 50, ...}} (snake_case keys),
 * and part of every cache key.
 *
 * @param topK              sample from the k most likely tokens; -1 or 0 means all (server-dependent)
 * @param minP              drop tokens below this fraction of the top token's probability, in [0, 1]
 * @param repetitionPenalty above 1 discourages repeating any earlier token (vLLM, HF style), above 0
 * @param presencePenalty   OpenAI style, in [-2, 2]
 * @param frequencyPenalty  OpenAI style, in [-2, 2]
 * @param minTokens         no end of sequence (nor stop token) before this many tokens
 * @param stopTokenIds      token ids that end the completion (vLLM)
 * @param badWords          words the model may not produce (vLLM {@code bad_words})
 * @param logitBias         token (id, or text where the server allows it) to a bias in [-100, 100]
 * @param logprobs          ask for each generated token's log-probability and this many top alternatives
 *                          (0: the token's only); read back into {@link Completion#logprobs()}
 */
public record Sampling(
        Integer topK,
        Double minP,
        Double repetitionPenalty,
        Double presencePenalty,
        Double frequencyPenalty,
        Integer minTokens,
        List<Integer> stopTokenIds,
        List<String> badWords,
        Map<String, Double> logitBias,
        Integer logprobs) {

    /** No field set: every server default applies. */
    public static final Sampling NONE = new Sampling(null, null, null, null, null, null, null, null, null, null);

    public Sampling {
        stopTokenIds = stopTokenIds == null ? List.of() : List.copyOf(stopTokenIds);
        badWords = badWords == null ? List.of() : List.copyOf(badWords);
        // sorted, so the wire body and the cache key do not depend on insertion order
        logitBias = logitBias == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(logitBias));
        if (topK != null && topK < -1) {
            throw new IllegalArgumentException("top_k must be -1 (all tokens) or more, got " + topK);
        }
        if (minP != null && !(minP >= 0 && minP <= 1)) {
            throw new IllegalArgumentException("min_p must be between 0 and 1, got " + minP);
        }
        if (repetitionPenalty != null && !(repetitionPenalty > 0 && Double.isFinite(repetitionPenalty))) {
            throw new IllegalArgumentException("repetition_penalty must be above 0 (1 = none), got " + repetitionPenalty);
        }
        penalty("presence_penalty", presencePenalty);
        penalty("frequency_penalty", frequencyPenalty);
        if (minTokens != null && minTokens < 0) {
            throw new IllegalArgumentException("min_tokens must be 0 or more, got " + minTokens);
        }
        for (Integer id : stopTokenIds) {
            if (id == null || id < 0) {
                throw new IllegalArgumentException("stop_token_ids must be token ids (0 or more), got " + id);
            }
        }
        for (String w : badWords) {
            if (w == null || w.isEmpty()) {
                throw new IllegalArgumentException("bad_words must not contain an empty word");
            }
        }
        for (Map.Entry<String, Double> e : logitBias.entrySet()) {
            Double bias = e.getValue();
            if (e.getKey().isEmpty() || bias == null || !(bias >= -100 && bias <= 100)) {
                throw new IllegalArgumentException("logit_bias maps a token to a bias between -100 and 100, got "
                        + e.getKey() + ": " + bias);
            }
        }
        if (logprobs != null && (logprobs < 0 || logprobs > 20)) {
            throw new IllegalArgumentException("logprobs must be between 0 and 20, got " + logprobs);
        }
    }

    private static void penalty(String name, Double value) {
        if (value != null && !(value >= -2 && value <= 2)) {
            throw new IllegalArgumentException(name + " must be between -2 and 2, got " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.topK = topK;
        b.minP = minP;
        b.repetitionPenalty = repetitionPenalty;
        b.presencePenalty = presencePenalty;
        b.frequencyPenalty = frequencyPenalty;
        b.minTokens = minTokens;
        b.stopTokenIds = stopTokenIds;
        b.badWords = badWords;
        b.logitBias = logitBias;
        b.logprobs = logprobs;
        return b;
    }

    /**
     * This sampling with only the field of wire name {@code field} kept (as {@link #asWireMap()}
     * names it): what a capability probe sends to test one field on its own.
     */
    public Sampling only(String field) {
        return new Sampling(
                "top_k".equals(field) ? topK : null,
                "min_p".equals(field) ? minP : null,
                "repetition_penalty".equals(field) ? repetitionPenalty : null,
                "presence_penalty".equals(field) ? presencePenalty : null,
                "frequency_penalty".equals(field) ? frequencyPenalty : null,
                "min_tokens".equals(field) ? minTokens : null,
                "stop_token_ids".equals(field) ? stopTokenIds : null,
                "bad_words".equals(field) ? badWords : null,
                "logit_bias".equals(field) ? logitBias : null,
                "logprobs".equals(field) ? logprobs : null);
    }

    /** True when no field is set. */
    public boolean isEmpty() {
        return asWireMap().isEmpty();
    }

    /**
     * This request's fields, with {@code defaults} filling those this one leaves unset: a field a
     * caller set on purpose (BPO's banned words) is never replaced by a configured default.
     */
    public Sampling orElse(Sampling defaults) {
        if (defaults == null || defaults.isEmpty()) {
            return this;
        }
        return new Sampling(
                topK != null ? topK : defaults.topK,
                minP != null ? minP : defaults.minP,
                repetitionPenalty != null ? repetitionPenalty : defaults.repetitionPenalty,
                presencePenalty != null ? presencePenalty : defaults.presencePenalty,
                frequencyPenalty != null ? frequencyPenalty : defaults.frequencyPenalty,
                minTokens != null ? minTokens : defaults.minTokens,
                !stopTokenIds.isEmpty() ? stopTokenIds : defaults.stopTokenIds,
                !badWords.isEmpty() ? badWords : defaults.badWords,
                !logitBias.isEmpty() ? logitBias : defaults.logitBias,
                logprobs != null ? logprobs : defaults.logprobs);
    }

    /**
     * The set fields by their wire (snake_case) names, in a fixed order: what goes into the request
     * body and the cache key, and what capability checks name.
     */
    public Map<String, Object> asWireMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "top_k", topK);
        put(m, "min_p", minP);
        put(m, "repetition_penalty", repetitionPenalty);
        put(m, "presence_penalty", presencePenalty);
        put(m, "frequency_penalty", frequencyPenalty);
        put(m, "min_tokens", minTokens);
        if (!stopTokenIds.isEmpty()) {
            m.put("stop_token_ids", stopTokenIds);
        }
        if (!badWords.isEmpty()) {
            m.put("bad_words", badWords);
        }
        if (!logitBias.isEmpty()) {
            m.put("logit_bias", logitBias);
        }
        put(m, "logprobs", logprobs);
        return m;
    }

    private static void put(Map<String, Object> m, String name, Object value) {
        if (value != null) {
            m.put(name, value);
        }
    }

    /** Builds a {@link Sampling}; every field starts unset. */
    public static final class Builder {
        private Integer topK;
        private Double minP;
        private Double repetitionPenalty;
        private Double presencePenalty;
        private Double frequencyPenalty;
        private Integer minTokens;
        private List<Integer> stopTokenIds = List.of();
        private List<String> badWords = List.of();
        private Map<String, Double> logitBias = Map.of();
        private Integer logprobs;

        public Builder topK(Integer value) {
            topK = value;
            return this;
        }

        public Builder minP(Double value) {
            minP = value;
            return this;
        }

        public Builder repetitionPenalty(Double value) {
            repetitionPenalty = value;
            return this;
        }

        public Builder presencePenalty(Double value) {
            presencePenalty = value;
            return this;
        }

        public Builder frequencyPenalty(Double value) {
            frequencyPenalty = value;
            return this;
        }

        public Builder minTokens(Integer value) {
            minTokens = value;
            return this;
        }

        public Builder stopTokenIds(List<Integer> value) {
            stopTokenIds = value == null ? List.of() : new ArrayList<>(value);
            return this;
        }

        public Builder badWords(List<String> value) {
            badWords = value == null ? List.of() : new ArrayList<>(value);
            return this;
        }

        public Builder logitBias(Map<String, Double> value) {
            logitBias = value == null ? Map.of() : new TreeMap<>(value);
            return this;
        }

        public Builder logprobs(Integer value) {
            logprobs = value;
            return this;
        }

        public Sampling build() {
            return new Sampling(topK, minP, repetitionPenalty, presencePenalty, frequencyPenalty, minTokens,
                    stopTokenIds, badWords, logitBias, logprobs);
        }
    }
}
