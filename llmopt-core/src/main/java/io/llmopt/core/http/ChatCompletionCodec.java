package io.llmopt.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.TokenUsage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The chat-completions wire format: writes request bodies, reads response bodies. Stateless and
 * thread-safe; one instance per model shares Jackson's factory and symbol tables across calls.
 */
final class ChatCompletionCodec {

    /** A reply body that is not a usable chat completion; the message says what is wrong. */
    static final class MalformedBodyException extends Exception {
        MalformedBodyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The useful content of a chat-completion reply. */
    record Decoded(List<Completion> completions, TokenUsage usage, String model) {
    }

    private final JsonFactory factory;
    private final ObjectReader strictReader;

    ChatCompletionCodec(ObjectMapper mapper) {
        this.factory = mapper.getFactory();
        this.strictReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The JSON body for {@code request}; {@code n} is written only when above 1, and unset optional
     * parameters are left out so the server's defaults apply.
     */
    byte[] encode(String model, ChatRequest request, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 2 * approximateLength(request));
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeArrayFieldStart("messages");
            for (ChatMessage m : request.messages()) {
                g.writeStartObject();
                g.writeStringField("role", m.role().wireName());
                g.writeStringField("content", m.content());
                g.writeEndObject();
            }
            g.writeEndArray();
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
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    /** Completions ordered by their index, usage (zero when the server reports none) and model. */
    Decoded decode(byte[] body) throws MalformedBodyException {
        JsonNode root;
        try {
            // strict: a valid object followed by anything but whitespace is a damaged reply, retried as malformed
            root = strictReader.readTree(body);
        } catch (IOException e) {
            throw new MalformedBodyException("the body is not valid JSON (" + body.length + " bytes, starting "
                    + ErrorBodies.snippet(body) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedBodyException("the body is not a JSON object", null);
        }
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new MalformedBodyException("the reply has no 'choices' array", null);
        }
        if (choices.isEmpty()) {
            throw new MalformedBodyException("the reply has an empty 'choices' array", null);
        }
        List<IndexedCompletion> indexed = new ArrayList<>(choices.size());
        int position = 0;
        for (JsonNode choice : choices) {
            JsonNode content = choice.path("message").get("content");
            String text = content == null || content.isNull() ? "" : content.asText();
            int index = choice.path("index").asInt(position);
            JsonNode finish = choice.get("finish_reason");
            indexed.add(new IndexedCompletion(index,
                    new Completion(text, FinishReason.fromWire(finish == null || finish.isNull() ? null : finish.asText()))));
            position++;
        }
        indexed.sort(Comparator.comparingInt(IndexedCompletion::index));
        List<Completion> completions = new ArrayList<>(indexed.size());
        for (IndexedCompletion c : indexed) {
            completions.add(c.completion());
        }
        JsonNode usage = root.path("usage");
        TokenUsage tokens = new TokenUsage(Math.max(0, usage.path("prompt_tokens").asLong(0)),
                Math.max(0, usage.path("completion_tokens").asLong(0)));
        JsonNode model = root.get("model");
        return new Decoded(completions, tokens, model == null || model.isNull() ? null : model.asText());
    }

    private record IndexedCompletion(int index, Completion completion) {
    }

    private static int approximateLength(ChatRequest request) {
        int chars = 0;
        for (ChatMessage m : request.messages()) {
            chars += m.content().length();
        }
        return Math.min(chars, 1 << 20);
    }
}
