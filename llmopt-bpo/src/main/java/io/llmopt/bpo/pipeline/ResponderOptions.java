package io.llmopt.bpo.pipeline;

import io.llmopt.core.llm.ChatRequest;

/**
 * How the responder answers a prompt.
 *
 * @param systemMessage a system message, or null for none (the prompt alone, as a user would send it)
 * @param temperature   sampling temperature; 0 by default so that a re-run reproduces the responses
 * @param maxTokens     completion cap, or null for the server default
 */
public record ResponderOptions(String systemMessage, double temperature, Integer maxTokens) {

    public static ResponderOptions defaults() {
        return new ResponderOptions(null, 0.0, null);
    }

    ChatRequest request(String prompt) {
        ChatRequest.Builder b = ChatRequest.builder();
        if (systemMessage != null) {
            b.system(systemMessage);
        }
        return b.user(prompt).temperature(temperature).maxTokens(maxTokens).build();
    }
}
