package io.llmopt.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the OpenAI-shaped JSON bodies the server sends. Streams through a shared JsonFactory
 * instead of building trees, because every simulated call pays for this.
 */
final class SimJson {

    /** One choice of a completion. */
    record Choice(String text, String finishReason) {
    }

    private final JsonFactory factory;

    SimJson(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] completion(String id, long created, String model, List<Choice> choices, int promptTokens) {
        return completion(id, created, model, choices, promptTokens, false);
    }

    /** A chat completion, or with {@code text} a {@code text_completion} ({@code choices[].text}). */
    byte[] completion(String id, long created, String model, List<Choice> choices, int promptTokens, boolean text) {
        return completion(id, created, model, choices, promptTokens, text, null);
    }

    /**
     * As above; with {@code logprobs} (alternatives per token, asked for by the request) each choice
     * carries its tokens' log-probabilities in the API's shape (see {@link SimLogprobs}).
     */
    byte[] completion(String id, long created, String model, List<Choice> choices, int promptTokens, boolean text,
            Integer logprobs) {
        int completionTokens = 0;
        for (Choice c : choices) {
            completionTokens += SimTokens.count(c.text());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("object", text ? "text_completion" : "chat.completion");
            g.writeNumberField("created", created);
            g.writeStringField("model", model);
            g.writeArrayFieldStart("choices");
            for (int i = 0; i < choices.size(); i++) {
                Choice c = choices.get(i);
                g.writeStartObject();
                g.writeNumberField("index", i);
                if (text) {
                    g.writeStringField("text", c.text());
                    if (logprobs == null) {
                        g.writeNullField("logprobs");
                    } else {
                        SimLogprobs.writeCompletions(g, c.text(), logprobs);
                    }
                } else {
                    g.writeObjectFieldStart("message");
                    g.writeStringField("role", "assistant");
                    g.writeStringField("content", c.text());
                    g.writeEndObject();
                    if (logprobs != null) {
                        SimLogprobs.writeChat(g, c.text(), logprobs);
                    }
                }
                g.writeStringField("finish_reason", c.finishReason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("usage");
            g.writeNumberField("prompt_tokens", promptTokens);
            g.writeNumberField("completion_tokens", completionTokens);
            g.writeNumberField("total_tokens", promptTokens + completionTokens);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    byte[] models(List<String> names, long created) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (String name : names) {
                g.writeStartObject();
                g.writeStringField("id", name);
                g.writeStringField("object", "model");
                g.writeNumberField("created", created);
                g.writeStringField("owned_by", "llmopt-sim");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The OpenAI error shape: {@code {"error": {"message", "type", "code"}}}. */
    byte[] error(String message, String type, String code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", message);
            g.writeStringField("type", type);
            if (code == null) {
                g.writeNullField("code");
            } else {
                g.writeStringField("code", code);
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
