package io.llmopt.core.http;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.TokenUsage;
import java.util.List;

/**
 * One OpenAI-compatible API's wire format: where requests go, how bodies are written and read.
 * Implementations are stateless and thread-safe.
 */
interface WireCodec {

    /** A reply body that is not a usable completion; the message says what is wrong. */
    final class MalformedBodyException extends Exception {
        MalformedBodyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The useful content of a reply. */
    record Decoded(List<Completion> completions, TokenUsage usage, String model) {
    }

    /** The path below the base URL, e.g. "/chat/completions". */
    String path();

    /** The JSON body for {@code request} asking for {@code n} choices; unset parameters are left out. */
    byte[] encode(String model, ChatRequest request, int n);

    /** Completions ordered by their index, usage (zero when the server reports none) and model. */
    Decoded decode(byte[] body) throws MalformedBodyException;
}
