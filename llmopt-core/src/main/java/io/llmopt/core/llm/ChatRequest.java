package io.llmopt.core.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request to a model: EITHER chat messages (the server applies its chat template) OR a raw
 * prompt (sent as is to {@code /v1/completions}; no template), and every sampling parameter.
 *
 * <p>Everything that can change a reply is a field here, because the response cache keys on the
 * whole request. Optional parameters are {@code null} (or empty) when the server default should
 * apply, and are then left out of the request body.
 *
 * <pre>{@code
 * ChatRequest chat = ChatRequest.builder().system("...").user("...").temperature(1.0).build();
 * ChatRequest raw = ChatRequest.builder().rawPrompt("[INST] ... [/INST]")
 *         .sampling(Sampling.builder().topK(50).badWords(List.of("[PROTECT]")).build())
 *         .build();
 * }</pre>
 * A backend that cannot honour the request's form says so ({@link LlmException.Kind#UNSUPPORTED_REQUEST})
 * instead of reshaping it: a raw prompt is never wrapped into a chat message.
 *
 * @param messages    the conversation; empty exactly when {@code rawPrompt} is set
 * @param rawPrompt   the raw completion prompt, or null for a chat request
 * @param temperature sampling temperature, 0 to 2
 * @param topP        nucleus sampling mass in (0, 1], or null
 * @param maxTokens   completion length cap, or null
 * @param stop        stop strings (possibly empty, never null)
 * @param seed        sampling seed, or null
 * @param n           number of completions wanted, at least 1
 * @param sampling    the further sampling fields ({@link Sampling#NONE} when none is set; never null)
 * @param observer    who is told before the request leaves for the server ({@link SendObserver}), or
 *                    null; not part of the request: equality, hashes and fingerprints ignore it
 */
public record ChatRequest(
        List<ChatMessage> messages,
        String rawPrompt,
        double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        Long seed,
        int n,
        Sampling sampling,
        SendObserver observer) {

    public ChatRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
        if (rawPrompt == null && messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message (or a raw prompt)");
        }
        if (rawPrompt != null && !messages.isEmpty()) {
            throw new IllegalArgumentException("a request carries either chat messages or a raw prompt, not both");
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        sampling = sampling == null ? Sampling.NONE : sampling;
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

    /** A request without a {@link SendObserver}. */
    public ChatRequest(List<ChatMessage> messages, String rawPrompt, double temperature, Double topP, Integer maxTokens,
                       List<String> stop, Long seed, int n, Sampling sampling) {
        this(messages, rawPrompt, temperature, topP, maxTokens, stop, seed, n, sampling, null);
    }

    /** The same request, telling {@code value} before it is sent (see {@link SendObserver}). */
    public ChatRequest withObserver(SendObserver value) {
        return new ChatRequest(messages, rawPrompt, temperature, topP, maxTokens, stop, seed, n, sampling, value);
    }

    /** Equal when everything that can change a reply is equal: the {@link #observer} does not count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ChatRequest r && Double.compare(temperature, r.temperature) == 0 && n == r.n
                && messages.equals(r.messages) && Objects.equals(rawPrompt, r.rawPrompt) && Objects.equals(topP, r.topP)
                && Objects.equals(maxTokens, r.maxTokens) && stop.equals(r.stop) && Objects.equals(seed, r.seed)
                && sampling.equals(r.sampling);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messages, rawPrompt, temperature, topP, maxTokens, stop, seed, n, sampling);
    }

    /** A single user message with default sampling (temperature 0, one completion). */
    public static ChatRequest ofUser(String prompt) {
        return builder().user(prompt).build();
    }

    /** A raw completion prompt with default sampling (temperature 0, one completion). */
    public static ChatRequest raw(String prompt) {
        return builder().rawPrompt(prompt).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when this request carries a raw prompt rather than chat messages. */
    public boolean isRaw() {
        return rawPrompt != null;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.messages.addAll(messages);
        b.rawPrompt = rawPrompt;
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.stop = stop;
        b.seed = seed;
        b.n = n;
        b.sampling = sampling;
        b.observer = observer;
        return b;
    }

    /** The same request asking for {@code count} completions. */
    public ChatRequest withN(int count) {
        return new ChatRequest(messages, rawPrompt, temperature, topP, maxTokens, stop, seed, count, sampling, observer);
    }

    /** The same request with another seed (used to split n samples into single calls). */
    public ChatRequest withSeed(Long newSeed) {
        return new ChatRequest(messages, rawPrompt, temperature, topP, maxTokens, stop, newSeed, n, sampling, observer);
    }

    /** The same request with other sampling fields. */
    public ChatRequest withSampling(Sampling value) {
        return new ChatRequest(messages, rawPrompt, temperature, topP, maxTokens, stop, seed, n, value, observer);
    }

    /**
     * The text of the last user message, or the raw prompt of a raw request, or "" when there is
     * neither: the text a scripted test model answers.
     */
    public String lastUserContent() {
        if (rawPrompt != null) {
            return rawPrompt;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role() == MessageRole.USER) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    public static final class Builder {
        private final List<ChatMessage> messages = new ArrayList<>();
        private String rawPrompt;
        private double temperature = 0.0;
        private Double topP;
        private Integer maxTokens;
        private List<String> stop = List.of();
        private Long seed;
        private int n = 1;
        private Sampling sampling = Sampling.NONE;
        private SendObserver observer;

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

        /** Makes this a raw-prompt request (no messages); the text goes to the server unchanged. */
        public Builder rawPrompt(String value) {
            rawPrompt = Objects.requireNonNull(value, "rawPrompt");
            return this;
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

        public Builder sampling(Sampling value) {
            sampling = value == null ? Sampling.NONE : value;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(messages, rawPrompt, temperature, topP, maxTokens, stop, seed, n, sampling, observer);
        }
    }
}
