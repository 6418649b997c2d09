package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ModelApi;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A model's requests and replies as lines of a batch file: the same bodies its live backend sends
 * and reads, so a batched call is the same call at another price.
 */
public final class BatchWire {

    private final ObjectMapper mapper = new ObjectMapper();
    private final WireCodec codec;
    private final String model;

    /** @param model the name the server knows the model by (a chat model) */
    public BatchWire(String model) {
        this(model, ModelApi.CHAT);
    }

    /** @param api the API the model speaks: its batch lines go to that endpoint, in that body */
    public BatchWire(String model, ModelApi api) {
        this.model = model;
        this.codec = api == ModelApi.COMPLETIONS ? new TextCompletionCodec(mapper) : new ChatCompletionCodec(mapper);
    }

    /** The endpoint a batch of these requests runs against. */
    public String endpoint() {
        return "/v1" + codec.path();
    }

    /** True when a request has the form this API takes (a raw prompt for completions, messages for chat). */
    public boolean accepts(ChatRequest request) {
        return request.isRaw() == codec instanceof TextCompletionCodec;
    }

    public JsonNode body(ChatRequest request) {
        try {
            return mapper.readTree(codec.encode(model, request, request.n()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response in a result line's body; throws IllegalArgumentException when it is not a usable completion. */
    public ChatResponse response(JsonNode body) {
        try {
            WireCodec.Decoded d = codec.decode(mapper.writeValueAsBytes(body));
            return new ChatResponse(d.completions(), d.usage(), d.model() == null ? model : d.model(), false, true);
        } catch (WireCodec.MalformedBodyException e) {
            throw new IllegalArgumentException("a batch result is not a usable completion: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
