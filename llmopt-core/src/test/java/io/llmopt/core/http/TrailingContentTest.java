package io.llmopt.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LlmException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 200 reply whose body is a valid completion followed by garbage is a damaged reply: it is
 * malformed (and so retried like the others), not accepted for the part that parsed.
 */
class TrailingContentTest {

    private static final String COMPLETION = "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"42\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}";

    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OpenAiCompatibleModel model() {
        return OpenAiCompatibleModel.builder("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "m").build();
    }

    @Test
    void validJsonFollowedByGarbageIsMalformed() {
        body.set(COMPLETION + "}garbage");
        try (OpenAiCompatibleModel model = model()) {
            assertThatThrownBy(() -> model.call(ChatRequest.ofUser("q"))).isInstanceOfSatisfying(LlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(LlmException.Kind.MALFORMED_RESPONSE);
                assertThat(e.kind().retryable()).isTrue();
            });
        }
    }

    @Test
    void trailingWhitespaceIsFine() {
        body.set(COMPLETION + "\n\n");
        try (OpenAiCompatibleModel model = model()) {
            assertThat(model.call(ChatRequest.ofUser("q")).text()).isEqualTo("42");
        }
    }
}
