package io.llmopt.core.limits;

import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.ChatRequest;

/**
 * A tokenizer-free guess of what a request will cost, for the tokens-per-minute bucket: about four
 * characters per prompt token plus the completion cap for every sample. Rough on purpose: the
 * limiter corrects the bucket with the real usage once the reply arrives.
 */
public final class TokenEstimate {

    private TokenEstimate() {
    }

    public static long promptTokens(ChatRequest request) {
        long chars = request.isRaw() ? request.rawPrompt().length() : 0;
        for (ChatMessage m : request.messages()) {
            chars += m.content().length();
        }
        return (chars + 3) / 4;
    }

    public static long of(ChatRequest request, int defaultMaxTokens) {
        long perSample = request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens;
        return promptTokens(request) + perSample * request.n();
    }
}
