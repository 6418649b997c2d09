package io.llmopt.sim;

import java.util.Objects;

/**
 * One chat message as the simulated server received it.
 *
 * @param role    the wire role ("system", "user", "assistant", or whatever the client sent)
 * @param content the text; "" when the client sent no or non-text content
 */
public record SimMessage(String role, String content) {

    public SimMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
