package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed chat-completions request, handed to reply functions and kept for assertions.
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
        JsonNode json) {

    public SimRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        headers = Map.copyOf(headers);
    }

    /** The content of the last message whose role is "user", or "" when there is none. */
    public String lastUserMessage() {
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
