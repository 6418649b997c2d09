package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A model's requests and replies as lines of a batch file: the same bodies its live backend sends
 * and reads, so a batched call is the same call at another price.
 */
public final class BatchWire {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ChatCompletionCodec codec = new ChatCompletionCodec(mapper);
    private final String model;

    /** @param model the name the server knows the model by */
    public BatchWire(String model) {
        this.model = model;
    }

    /** The endpoint a batch of these requests runs against. */
    public String endpoint() {
        return "/v1/chat/completions";
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
            ChatCompletionCodec.Decoded d = codec.decode(mapper.writeValueAsBytes(body));
            return new ChatResponse(d.completions(), d.usage(), d.model() == null ? model : d.model(), false, true);
        } catch (ChatCompletionCodec.MalformedBodyException e) {
            throw new IllegalArgumentException("a batch result is not a usable completion: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
