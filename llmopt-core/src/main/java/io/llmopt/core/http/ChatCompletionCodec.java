package io.llmopt.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ModelApi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The chat-completions wire format ({@code /v1/chat/completions}): writes request bodies, reads
 * response bodies. Stateless and thread-safe; one instance per model shares Jackson's factory and
 * symbol tables across calls.
 */
final class ChatCompletionCodec implements WireCodec {

    private final ObjectMapper mapper;
    private final JsonFactory factory;

    ChatCompletionCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    @Override
    public String path() {
        return "/chat/completions";
    }

    /**
     * The JSON body for {@code request}; {@code n} is written only when above 1, and unset optional
     * parameters are left out so the server's defaults apply.
     */
    @Override
    public byte[] encode(String model, ChatRequest request, int n) {
        if (request.isRaw()) {
            throw new IllegalArgumentException("a raw prompt cannot be sent to /chat/completions");
        }
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
            SamplingFields.write(g, request, n, ModelApi.CHAT);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    @Override
    public Decoded decode(byte[] body) throws MalformedBodyException {
        return ReplyDecoder.decode(mapper, body, choice -> choice.path("message").get("content"),
                LogprobsReader::chat);
    }

    private static int approximateLength(ChatRequest request) {
        int chars = 0;
        for (ChatMessage m : request.messages()) {
            chars += m.content().length();
        }
        return Math.min(chars, 1 << 20);
    }
}
