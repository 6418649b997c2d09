package io.llmopt.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.MessageRole;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAI wire format on the server side: reads chat, completion and embedding requests, writes
 * replies. Every request field is either honoured or refused with a 400 naming it, so a client
 * never gets a silently different distribution.
 */
final class OpenAiWire {

    /** OpenAI's own limits; more stop strings or samples would only slow every token down. */
    static final int MAX_STOP = 4;
    static final int MAX_N = 16;

    /** The sampling fields both endpoints honour (vLLM's and llama.cpp's names for the repetition penalty). */
    private static final Set<String> SAMPLING_FIELDS = Set.of("model", "temperature", "top_p", "max_tokens",
            "max_completion_tokens", "stop", "seed", "n", "stream", "top_k", "min_p", "repetition_penalty",
            "repeat_penalty", "presence_penalty", "frequency_penalty", "min_tokens", "stop_token_ids", "logit_bias");

    private final ObjectMapper mapper;

    OpenAiWire(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A chat request: the messages and how to sample. */
    record ChatCall(List<ChatMessage> messages, Sampling sampling) {
    }

    /** A completion request: the raw prompt and how to sample. */
    record CompletionCall(String prompt, Sampling sampling) {
    }

    ChatCall chatRequest(byte[] body) {
        JsonNode root = parse(body);
        checkFields(root, "messages", "/v1/chat/completions");
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new BadRequestException("messages must be a non-empty array");
        }
        List<ChatMessage> list = new ArrayList<>();
        for (JsonNode m : messages) {
            list.add(message(m));
        }
        return new ChatCall(list, sampling(root));
    }

    CompletionCall completionRequest(byte[] body) {
        JsonNode root = parse(body);
        checkFields(root, "prompt", "/v1/completions");
        JsonNode prompt = root.get("prompt");
        if (prompt == null || !prompt.isTextual()) {
            throw new BadRequestException("prompt must be a string (arrays of prompts and token ids are not supported)");
        }
        return new CompletionCall(prompt.asText(), sampling(root));
    }

    private static void checkFields(JsonNode root, String input, String endpoint) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals(input) && !SAMPLING_FIELDS.contains(field)) {
                throw new BadRequestException("the field " + field + " is not supported by llmopt's local engine on "
                        + endpoint + "; it honours " + input + ", " + String.join(", ", new TreeSet<>(SAMPLING_FIELDS)));
            }
        }
        if (root.path("stream").asBoolean(false)) {
            throw new BadRequestException("stream is not supported by this server; send stream=false");
        }
    }

    private static Sampling sampling(JsonNode root) {
        JsonNode max = root.hasNonNull("max_completion_tokens") ? root.get("max_completion_tokens") : root.get("max_tokens");
        Long seed = null;
        if (root.hasNonNull("seed")) {
            JsonNode s = root.get("seed");
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                throw new BadRequestException("seed must be an integer");
            }
            seed = s.asLong();
        }
        Double repetition = optionalNumber(root, "repetition_penalty");
        Double repeat = optionalNumber(root, "repeat_penalty");
        if (repetition != null && repeat != null && !repetition.equals(repeat)) {
            throw new BadRequestException("repetition_penalty and repeat_penalty name the same penalty; send one");
        }
        int n = root.hasNonNull("n") ? integer(root.get("n"), "n") : 1;
        try {
            return new Sampling(number(root, "temperature", 1.0), optionalNumber(root, "top_p"),
                    max == null || max.isNull() ? null : integer(max, "max_tokens"), stops(root.get("stop")), seed, n,
                    optionalInteger(root, "top_k"), optionalNumber(root, "min_p"), repetition != null ? repetition : repeat,
                    optionalNumber(root, "presence_penalty"), optionalNumber(root, "frequency_penalty"),
                    optionalInteger(root, "min_tokens"), tokenIds(root.get("stop_token_ids")), logitBias(root.get("logit_bias")),
                    textBias(root.get("logit_bias")));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static List<Integer> tokenIds(JsonNode ids) {
        List<Integer> out = new ArrayList<>();
        if (ids == null || ids.isNull()) {
            return out;
        }
        if (!ids.isArray()) {
            throw new BadRequestException("stop_token_ids must be an array of token ids");
        }
        for (JsonNode id : ids) {
            out.add(integer(id, "stop_token_ids"));
        }
        return out;
    }

    /**
     * OpenAI's object of token id to bias; {@code false} (llama.cpp) or -100 (OpenAI: "should result
     * in a ban") bans the token outright. A key that is not a token id is a text (llama-server's
     * extension), read by {@link #textBias}.
     */
    private static Map<Integer, Double> logitBias(JsonNode bias) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : biasEntries(bias)) {
            Integer id = tokenId(e.getKey());
            if (id != null) {
                out.put(id, bias(e));
            }
        }
        return out;
    }

    /** The text keys of {@code logit_bias}: every token of the text gets the bias, as llama-server does. */
    private static Map<String, Double> textBias(JsonNode bias) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : biasEntries(bias)) {
            if (tokenId(e.getKey()) == null) {
                out.put(e.getKey(), bias(e));
            }
        }
        return out;
    }

    private static List<Map.Entry<String, JsonNode>> biasEntries(JsonNode bias) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (bias == null || bias.isNull()) {
            return out;
        }
        if (!bias.isObject()) {
            throw new BadRequestException("logit_bias must be an object of token id (or text) to bias");
        }
        bias.fields().forEachRemaining(out::add);
        return out;
    }

    private static double bias(Map.Entry<String, JsonNode> e) {
        JsonNode v = e.getValue();
        if (v.isBoolean() && !v.asBoolean()) {
            return Double.NEGATIVE_INFINITY;
        }
        if (v.isNumber()) {
            return v.asDouble() <= -100 ? Double.NEGATIVE_INFINITY : v.asDouble();
        }
        throw new BadRequestException("logit_bias values must be numbers (or false to ban), got " + v + " for " + e.getKey());
    }

    private static Integer tokenId(String key) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static Double optionalNumber(JsonNode root, String field) {
        return root.hasNonNull(field) ? number(root, field, 0) : null;
    }

    private static Integer optionalInteger(JsonNode root, String field) {
        return root.hasNonNull(field) ? integer(root.get(field), field) : null;
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

    /** A text completion: {@code choices[i].text}, as OpenAI's legacy completions endpoint answers. */
    byte[] completionResponse(String id, String model, long created, List<Generation> generations) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", id);
        root.put("object", "text_completion");
        root.put("created", created);
        root.put("model", model);
        ArrayNode choices = root.putArray("choices");
        long completion = 0;
        for (int i = 0; i < generations.size(); i++) {
            Generation g = generations.get(i);
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            choice.put("text", g.text());
            choice.putNull("logprobs");
            choice.put("finish_reason", g.finishReason().wireName());
            completion += g.completionTokens();
        }
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
