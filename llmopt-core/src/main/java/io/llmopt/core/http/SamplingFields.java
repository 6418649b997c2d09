package io.llmopt.core.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.llm.Sampling;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the sampling part of a request body, the same for both APIs except {@code logprobs}.
 * The basic fields come first in the order the chat body always had, so a chat request that sets
 * no further field is byte-identical to the bodies sent before {@link Sampling} existed.
 */
final class SamplingFields {

    private SamplingFields() {
    }

    static void write(JsonGenerator g, ChatRequest request, int n, ModelApi api) throws IOException {
        g.writeNumberField("temperature", request.temperature());
        if (request.topP() != null) {
            g.writeNumberField("top_p", request.topP());
        }
        if (request.maxTokens() != null) {
            g.writeNumberField("max_tokens", request.maxTokens());
        }
        if (!request.stop().isEmpty()) {
            g.writeArrayFieldStart("stop");
            for (String s : request.stop()) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
        if (request.seed() != null) {
            g.writeNumberField("seed", request.seed());
        }
        if (n > 1) {
            g.writeNumberField("n", n);
        }
        writeSampling(g, request.sampling(), api);
    }

    private static void writeSampling(JsonGenerator g, Sampling s, ModelApi api) throws IOException {
        if (s.topK() != null) {
            g.writeNumberField("top_k", s.topK());
        }
        if (s.minP() != null) {
            g.writeNumberField("min_p", s.minP());
        }
        if (s.repetitionPenalty() != null) {
            g.writeNumberField("repetition_penalty", s.repetitionPenalty());
        }
        if (s.presencePenalty() != null) {
            g.writeNumberField("presence_penalty", s.presencePenalty());
        }
        if (s.frequencyPenalty() != null) {
            g.writeNumberField("frequency_penalty", s.frequencyPenalty());
        }
        if (s.minTokens() != null) {
            g.writeNumberField("min_tokens", s.minTokens());
        }
        if (!s.stopTokenIds().isEmpty()) {
            g.writeArrayFieldStart("stop_token_ids");
            for (int id : s.stopTokenIds()) {
                g.writeNumber(id);
            }
            g.writeEndArray();
        }
        if (!s.badWords().isEmpty()) {
            g.writeArrayFieldStart("bad_words");
            for (String w : s.badWords()) {
                g.writeString(w);
            }
            g.writeEndArray();
        }
        if (!s.logitBias().isEmpty()) {
            g.writeObjectFieldStart("logit_bias");
            for (Map.Entry<String, Double> e : s.logitBias().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (s.logprobs() != null) {
            if (api == ModelApi.COMPLETIONS) {
                g.writeNumberField("logprobs", s.logprobs());
            } else {
                // the chat API splits it: a switch, and how many alternatives per token
                g.writeBooleanField("logprobs", true);
                if (s.logprobs() > 0) {
                    g.writeNumberField("top_logprobs", s.logprobs());
                }
            }
        }
    }
}
