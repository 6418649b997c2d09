package io.llmopt.bpo.pipeline;

import io.llmopt.core.llm.ChatRequest;

/**
 * How the responder answers a prompt.
 *
 * @param systemMessage a system message, or null for none (the prompt alone, as a user would send it)
 * @param temperature   sampling temperature; 0 by default so that a re-run reproduces the responses
 * @param topP          nucleus mass, or null for the server default
 * @param maxTokens     completion cap, or null for the server default
 */
public record ResponderOptions(String systemMessage, double temperature, Double topP, Integer maxTokens) {

    public ResponderOptions {
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("the responder's temperature must be between 0 and 2, got " + temperature);
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("the responder's top_p must be in (0, 1], got " + topP);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("the responder's max tokens must be at least 1, got " + maxTokens);
        }
    }

    /** Temperature 0, the server's top_p and length: reproducible responses. */
    public static ResponderOptions defaults() {
        return new ResponderOptions(null, 0.0, null, null);
    }

    /** As the reference's inference script samples: temperature 0.7, top_p 1.0, up to 2,048 new tokens. */
    public static ResponderOptions paper() {
        return new ResponderOptions(null, 0.7, 1.0, 2048);
    }

    public ResponderOptions withSampling(Double newTemperature, Double newTopP, Integer newMaxTokens) {
        return new ResponderOptions(systemMessage, newTemperature != null ? newTemperature : temperature,
                newTopP != null ? newTopP : topP, newMaxTokens != null ? newMaxTokens : maxTokens);
    }

    ChatRequest request(String prompt) {
        ChatRequest.Builder b = ChatRequest.builder();
        if (systemMessage != null) {
            b.system(systemMessage);
        }
        return b.user(prompt).temperature(temperature).topP(topP).maxTokens(maxTokens).build();
    }
}
