package io.llmopt.opro.numeric.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpObjectiveTest {

    private HttpServer server;
    private final AtomicReference<String> received = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/score", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"value\": 0.125}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            byte[] body = "overloaded".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void postsTheCandidateAndReadsTheValue() {
        double value = new HttpObjective(uri("/score"), Duration.ofSeconds(5)).evaluate(CommandObjectiveTest.candidate(1, 2, "a")).join();
        assertThat(value).isEqualTo(0.125);
        assertThat(received.get()).isEqualTo("{\"x\":1,\"y\":2,\"note\":\"a\"}");
    }

    @Test
    void anErrorStatusFailsTheEvaluation() {
        assertThatThrownBy(() -> new HttpObjective(uri("/broken"), Duration.ofSeconds(5)).evaluate(CommandObjectiveTest.candidate(1, 2, "")).join())
                .hasMessageContaining("HTTP 503: overloaded");
    }
}
