package io.llmopt.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Routes the OpenAI endpoints to the engine and turns failures into OpenAI-style error bodies. */
final class OpenAiHandler implements HttpHandler {

    private static final int MAX_BODY = 16 << 20;

    private final InferenceEngine engine;
    private final OpenAiWire wire;
    private final long created = System.currentTimeMillis() / 1000;

    OpenAiHandler(InferenceEngine engine, OpenAiWire wire) {
        this.engine = engine;
        this.wire = wire;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                switch (path) {
                    case "/v1/models" -> {
                        requireMethod(method, "GET");
                        send(exchange, 200, wire.modelsResponse(engine.modelName(), created));
                    }
                    case "/v1/chat/completions" -> {
                        requireMethod(method, "POST");
                        send(exchange, 200, chat(readBody(exchange)));
                    }
                    case "/v1/completions" -> {
                        requireMethod(method, "POST");
                        send(exchange, 200, complete(readBody(exchange)));
                    }
                    case "/v1/embeddings" -> {
                        requireMethod(method, "POST");
                        send(exchange, 200, embeddings(readBody(exchange)));
                    }
                    default -> send(exchange, 404, wire.error("no endpoint " + path + "; this server has /v1/models, "
                            + "/v1/chat/completions, /v1/completions and /v1/embeddings", "not_found_error"));
                }
            } catch (MethodNotAllowed e) {
                send(exchange, 405, wire.error(e.getMessage(), "invalid_request_error"));
            } catch (BadRequestException | IllegalArgumentException e) {
                send(exchange, 400, wire.error(e.getMessage(), "invalid_request_error"));
            } catch (RuntimeException e) {
                send(exchange, 500, wire.error("the local model failed: " + e, "server_error"));
            }
        }
    }

    private byte[] chat(byte[] body) {
        OpenAiWire.ChatCall call = wire.chatRequest(body);
        List<Generation> generations = engine.chat(call.messages(), call.sampling());
        return wire.chatResponse("chatcmpl-" + UUID.randomUUID(), engine.modelName(), System.currentTimeMillis() / 1000,
                generations);
    }

    /** A raw completion: the prompt goes to the model as is, with no chat template. */
    private byte[] complete(byte[] body) {
        OpenAiWire.CompletionCall call = wire.completionRequest(body);
        List<Generation> generations = engine.complete(call.prompt(), call.sampling());
        return wire.completionResponse("cmpl-" + UUID.randomUUID(), engine.modelName(), System.currentTimeMillis() / 1000,
                generations);
    }

    private byte[] embeddings(byte[] body) {
        List<String> inputs = wire.embeddingInputs(body);
        List<float[]> vectors = new ArrayList<>(inputs.size());
        long tokens = 0;
        for (String input : inputs) {
            vectors.add(engine.embed(input));
            tokens += engine.countTokens(input);
        }
        return wire.embeddingsResponse(engine.modelName(), vectors, tokens);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new BadRequestException("the body is larger than " + (MAX_BODY >> 20) + " MB");
            }
            return body;
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new MethodNotAllowed(actual + " is not allowed here; use " + expected);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static final class MethodNotAllowed extends RuntimeException {
        MethodNotAllowed(String message) {
            super(message);
        }
    }
}
