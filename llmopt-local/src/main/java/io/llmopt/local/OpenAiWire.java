package io.llmopt.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.MessageRole;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI wire format on the server side: reads chat and embedding requests, writes replies.
 * Requests are turned into core's {@link ChatRequest}, whose checks are the same on both ends.
 */
final class OpenAiWire {

    /** OpenAI's own limits; more stop strings or samples would only slow every token down. */
    static final int MAX_STOP = 4;
    static final int MAX_N = 16;

    private final ObjectMapper mapper;

    OpenAiWire(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ChatRequest chatRequest(byte[] body) {
        JsonNode root = parse(body);
        if (root.path("stream").asBoolean(false)) {
            throw new BadRequestException("stream is not supported by this server; send stream=false");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new BadRequestException("messages must be a non-empty array");
        }
        ChatRequest.Builder b = ChatRequest.builder();
        for (JsonNode m : messages) {
            b.message(message(m));
        }
        b.temperature(number(root, "temperature", 1.0));
        if (root.hasNonNull("top_p")) {
            b.topP(number(root, "top_p", 1.0));
        }
        JsonNode max = root.hasNonNull("max_completion_tokens") ? root.get("max_completion_tokens") : root.get("max_tokens");
        if (max != null && !max.isNull()) {
            b.maxTokens(integer(max, "max_tokens"));
        }
        b.stop(stops(root.get("stop")));
        if (root.hasNonNull("seed")) {
            JsonNode seed = root.get("seed");
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw new BadRequestException("seed must be an integer");
            }
            b.seed(seed.asLong());
        }
        int n = root.hasNonNull("n") ? integer(root.get("n"), "n") : 1;
        if (n > MAX_N) {
            throw new BadRequestException("n must be at most " + MAX_N + ", got " + n);
        }
        b.n(n);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** The inputs of an embeddings request: a string or an array of strings. */
    List<String> embeddingInputs(byte[] body) {
        JsonNode input = parse(body).get("input");
        List<String> inputs = new ArrayList<>();
        if (input != null && input.isTextual()) {
            inputs.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new BadRequestException("input must be a string or an array of strings (token arrays are not supported)");
                }
                inputs.add(item.asText());
            }
        } else {
            throw new BadRequestException("input must be a string or a non-empty array of strings");
        }
        for (String s : inputs) {
            if (s.isEmpty()) {
                throw new BadRequestException("input strings must not be empty");
            }
        }
        return inputs;
    }

    byte[] chatResponse(String id, String model, long created, List<Generation> generations) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", created);
        root.put("model", model);
        ArrayNode choices = root.putArray("choices");
        long completion = 0;
        for (int i = 0; i < generations.size(); i++) {
            Generation g = generations.get(i);
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", g.text());
            choice.put("finish_reason", g.finishReason().wireName());
            completion += g.completionTokens();
        }
        // as OpenAI bills it: the prompt once, the completions of all n samples
        long prompt = generations.isEmpty() ? 0 : generations.get(0).promptTokens();
        usage(root, prompt, completion);
        return write(root);
    }

    byte[] embeddingsResponse(String model, List<float[]> vectors, long promptTokens) {
        ObjectNode root = mapper.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            ArrayNode values = item.putArray("embedding");
            for (float v : vectors.get(i)) {
                values.add(v);
            }
        }
        root.put("model", model);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens);
        return write(root);
    }

    byte[] modelsResponse(String model, long created) {
        ObjectNode root = mapper.createObjectNode();
        root.put("object", "list");
        ObjectNode item = root.putArray("data").addObject();
        item.put("id", model);
        item.put("object", "model");
        item.put("created", created);
        item.put("owned_by", "llmopt");
        return write(root);
    }

    byte[] error(String message, String type) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        return write(root);
    }

    private static void usage(ObjectNode root, long prompt, long completion) {
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
    }

    private ChatMessage message(JsonNode m) {
        if (!m.isObject() || !m.path("role").isTextual()) {
            throw new BadRequestException("each message needs a role and a content");
        }
        MessageRole role;
        try {
            role = MessageRole.fromWire(m.get("role").asText());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return new ChatMessage(role, content(m.get("content")));
    }

    /** Content as a string, or as an array of text parts (which are concatenated). */
    private static String content(JsonNode content) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (content != null && content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw new BadRequestException("only text content parts are supported");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw new BadRequestException("message content must be a string or an array of text parts");
    }

    private static List<String> stops(JsonNode stop) {
        List<String> stops = new ArrayList<>();
        if (stop == null || stop.isNull()) {
            return stops;
        }
        if (stop.isTextual()) {
            stops.add(stop.asText());
        } else if (stop.isArray()) {
            for (JsonNode s : stop) {
                if (!s.isTextual()) {
                    throw new BadRequestException("stop must be a string or an array of strings");
                }
                stops.add(s.asText());
            }
        } else {
            throw new BadRequestException("stop must be a string or an array of strings");
        }
        if (stops.size() > MAX_STOP) {
            throw new BadRequestException("at most " + MAX_STOP + " stop strings are allowed, got " + stops.size());
        }
        if (stops.stream().anyMatch(String::isEmpty)) {
            throw new BadRequestException("stop strings must not be empty");
        }
        return stops;
    }

    private static double number(JsonNode root, String field, double fallback) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new BadRequestException(field + " must be a number");
        }
        return v.asDouble();
    }

    private static int integer(JsonNode v, String field) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new BadRequestException(field + " must be an integer");
        }
        return v.asInt();
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("the body could not be read: " + e.getMessage());
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
