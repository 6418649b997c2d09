package io.llmopt.core.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chat-completion request: the messages and every sampling parameter.
 *
 * <p>Everything that can change a reply is a field here, because the response cache keys on the
 * whole request. Optional parameters are {@code null} when the server default should apply.
 *
 * @param messages    the conversation, at least one message
 * @param temperature sampling temperature, 0 to 2
 * @param topP        nucleus sampling mass in (0, 1], or null
 * @param maxTokens   completion length cap, or null
 * @param stop        stop strings (possibly empty, never null)
 * @param seed        sampling seed, or null
 * @param n           number of completions wanted, at least 1
 */
public record ChatRequest(
        List<ChatMessage> messages,
        double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        Long seed,
        int n) {

    public ChatRequest {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, got " + temperature);
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
    }

    /** A single user message with default sampling (temperature 0, one completion). */
    public static ChatRequest ofUser(String prompt) {
        return builder().user(prompt).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.messages.addAll(messages);
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.stop = stop;
        b.seed = seed;
        b.n = n;
        return b;
    }

    /** The same request asking for {@code count} completions. */
    public ChatRequest withN(int count) {
        return new ChatRequest(messages, temperature, topP, maxTokens, stop, seed, count);
    }

    /** The same request with another seed (used to split n samples into single calls). */
    public ChatRequest withSeed(Long newSeed) {
        return new ChatRequest(messages, temperature, topP, maxTokens, stop, newSeed, n);
    }

    /** The text of the last user message, or "" when there is none. */
    public String lastUserContent() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == MessageRole.USER) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    public static final class Builder {
        private final List<ChatMessage> messages = new ArrayList<>();
        private double temperature = 0.0;
        private Double topP;
        private Integer maxTokens;
        private List<String> stop = List.of();
        private Long seed;
        private int n = 1;

        public Builder message(ChatMessage message) {
            messages.add(message);
            return this;
        }

        public Builder messages(List<ChatMessage> list) {
            messages.addAll(list);
            return this;
        }

        public Builder system(String content) {
            return message(ChatMessage.system(content));
        }

        public Builder user(String content) {
            return message(ChatMessage.user(content));
        }

        public Builder assistant(String content) {
            return message(ChatMessage.assistant(content));
        }

        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        public Builder topP(Double value) {
            topP = value;
            return this;
        }

        public Builder maxTokens(Integer value) {
            maxTokens = value;
            return this;
        }

        public Builder stop(List<String> value) {
            stop = value;
            return this;
        }

        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        public Builder n(int value) {
            n = value;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(messages, temperature, topP, maxTokens, stop, seed, n);
        }
    }
}
