package io.llmopt.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ModelApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The completions wire format ({@code /v1/completions}): a raw prompt in, sent exactly as given
 * (no chat template; whether the server adds a BOS token is the server's setting), and
 * {@code choices[].text} out.
 */
final class TextCompletionCodec implements WireCodec {

    private final ObjectMapper mapper;
    private final JsonFactory factory;

    TextCompletionCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    @Override
    public String path() {
        return "/completions";
    }

    @Override
    public byte[] encode(String model, ChatRequest request, int n) {
        if (!request.isRaw()) {
            throw new IllegalArgumentException("chat messages cannot be sent to /completions");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 2 * Math.min(request.rawPrompt().length(), 1 << 20));
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeStringField("prompt", request.rawPrompt());
            SamplingFields.write(g, request, n, ModelApi.COMPLETIONS);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    @Override
    public Decoded decode(byte[] body) throws MalformedBodyException {
        return ReplyDecoder.decode(mapper, body, choice -> choice.get("text"), LogprobsReader::completions);
    }
}
