package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed chat-completions or completions request, handed to reply functions and kept for assertions.
 *
 * <p>Optional sampling parameters are {@code null} when the client left them out, so tests can
 * assert that a client omits what it should omit.
 *
 * @param model       the requested model, or null
 * @param messages    the conversation in order
 * @param temperature sampling temperature, or null
 * @param topP        top_p, or null
 * @param maxTokens   max_tokens (or max_completion_tokens), or null
 * @param stop        stop strings (a single string on the wire becomes a one-element list)
 * @param seed        seed, or null
 * @param n           completions asked for; 1 when absent
 * @param headers     request headers, names in lower case
 * @param json        the whole request body, for fields this view does not name
 * @param prompt      the raw prompt of a {@code /v1/completions} request, exactly as sent; null for chat
 * @param sampling    the further sampling fields the client sent ({@link #SAMPLING_FIELDS}), by wire name
 */
public record SimRequest(
        String model,
        List<SimMessage> messages,
        Double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        Long seed,
        int n,
        Map<String, String> headers,
        JsonNode json,
        String prompt,
        Map<String, JsonNode> sampling) {

    /** The sampling fields beyond the basics that the simulator records (vLLM's names, and OpenAI's top_logprobs). */
    public static final List<String> SAMPLING_FIELDS = List.of("top_k", "min_p", "repetition_penalty", "presence_penalty",
            "frequency_penalty", "min_tokens", "stop_token_ids", "bad_words", "logit_bias", "logprobs", "top_logprobs");

    public SimRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        headers = Map.copyOf(headers);
        // in the order the client sent them
        sampling = sampling == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sampling));
    }

    /** A chat request as tests build it: no raw prompt, no further sampling field. */
    public SimRequest(String model, List<SimMessage> messages, Double temperature, Double topP, Integer maxTokens,
            List<String> stop, Long seed, int n, Map<String, String> headers, JsonNode json) {
        this(model, messages, temperature, topP, maxTokens, stop, seed, n, headers, json, null, Map.of());
    }

    /** True for a {@code /v1/completions} request (a raw prompt, no messages). */
    public boolean isRaw() {
        return prompt != null;
    }

    /**
     * The content of the last message whose role is "user", or the raw prompt of a completions
     * request, or "" when there is none: the text reply scripts answer.
     */
    public String lastUserMessage() {
        if (prompt != null) {
            return prompt;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** The content of the first "system" message, or "" when there is none. */
    public String systemMessage() {
        for (SimMessage m : messages) {
            if ("system".equals(m.role())) {
                return m.content();
            }
        }
        return "";
    }

    /** A request header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
