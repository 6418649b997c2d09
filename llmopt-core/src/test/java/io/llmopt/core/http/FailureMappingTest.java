package io.llmopt.core.http;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.LlmException.Kind;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimulatedLlmServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FailureMappingTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    private static final String KEY = "sk-live-7f3a9c-secret";

    private static OpenAiCompatibleModel model(SimulatedLlmServer sim) {
        sim.requireApiKey(KEY);
        return OpenAiCompatibleModel.builder(sim.baseUrl(), "sim-model")
                .apiKey(ApiKey.of(KEY))
                .requestTimeout(Duration.ofMillis(400))
                .build();
    }

    private static LlmException failure(OpenAiCompatibleModel model) {
        return catchThrowableOfType(LlmException.class, () -> model.call(ChatRequest.ofUser("go")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "RATE_LIMITED, RATE_LIMITED",
            "SERVER_ERROR, SERVER_ERROR",
            "SERVICE_UNAVAILABLE, SERVER_ERROR",
            "TIMEOUT, TIMEOUT",
            "CONNECTION_RESET, CONNECTION",
            "MALFORMED_JSON, MALFORMED_RESPONSE",
            "EMPTY_CHOICES, MALFORMED_RESPONSE",
            "BAD_REQUEST, BAD_REQUEST",
            "UNAUTHORIZED, UNAUTHORIZED",
            "MODEL_NOT_FOUND, NOT_FOUND"})
    void eachFaultMapsToItsKind(Fault fault, Kind expected) {
        sim.inject(FaultRule.first(1, fault));
        try (OpenAiCompatibleModel model = model(sim)) {
            LlmException e = failure(model);

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(expected);
            assertThat(e.endpoint()).isEqualTo(sim.baseUrl());
            assertThat(e.model()).isEqualTo("sim-model");
            assertThat(e.getMessage()).contains(sim.baseUrl(), "sim-model").doesNotContain(KEY);
            assertThat(e.retryable()).isEqualTo(expected.retryable());
            // the fault was a one-off: the next call succeeds on the same model
            assertThat(model.complete("again")).isEqualTo("echo: again");
        }
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        sim.inject(FaultRule.first(1, Fault.RATE_LIMITED)).retryAfterSeconds(7);
        try (OpenAiCompatibleModel model = model(sim)) {
            LlmException e = failure(model);

            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.getMessage()).contains("HTTP 429", "Rate limit reached");
        }
    }

    @Test
    void clientErrorsQuoteTheServerMessage() {
        sim.serveModels("other-model");
        try (OpenAiCompatibleModel model = model(sim)) {
            LlmException e = failure(model);

            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.getMessage()).contains("HTTP 404", "The model `sim-model` does not exist");
        }
    }

    @Test
    void wrongKeyIsUnauthorizedAndNeverPrinted() {
        sim.requireApiKey("sk-the-right-one");
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder(sim.baseUrl(), "m")
                .apiKey(ApiKey.of("sk-the-wrong-one")).build()) {
            LlmException e = failure(model);

            assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).doesNotContain("sk-the-wrong-one").doesNotContain("sk-the-right-one");
            assertThat(String.valueOf(e.getCause())).doesNotContain("sk-the-wrong-one");
        }
    }

    @Test
    void timeoutMessageSaysHowLongItWaited() {
        sim.inject(FaultRule.always(Fault.TIMEOUT));
        try (OpenAiCompatibleModel model = model(sim)) {
            assertThat(failure(model).getMessage()).contains("400 ms");
        }
    }

    @Test
    void truncatedReplyIsASuccessWithFinishReasonLength() {
        sim.inject(FaultRule.always(Fault.TRUNCATED)).reply("one two three four");
        try (OpenAiCompatibleModel model = model(sim)) {
            ChatResponse response = model.call(ChatRequest.ofUser("go"));

            assertThat(response.text()).isEqualTo("one two");
            assertThat(response.completions().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
        }
    }

    @Test
    void refusedConnectionWhereNothingEverAnsweredIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder("http://127.0.0.1:" + port + "/v1", "m").build()) {
            LlmException e = failure(model);

            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("127.0.0.1:" + port, "connection refused",
                    "is the server running? curl http://127.0.0.1:" + port + "/v1/models");
        }
    }

    @Test
    void unknownHostIsUnreachable() {
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder("http://no-such-host.invalid:8000/v1", "m").build()) {
            LlmException e = failure(model);

            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(e.getMessage()).contains("unknown host", "curl http://no-such-host.invalid:8000/v1/models");
        }
    }

    @Test
    void refusedConnectionWhereTheServerAnsweredBeforeIsAConnectionFailure() {
        SimulatedLlmServer gone = SimulatedLlmServer.start().reply("hi");
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder(gone.baseUrl(), "m").build()) {
            assertThat(model.call(ChatRequest.ofUser("go")).text()).isEqualTo("hi");
            gone.close();

            LlmException e = failure(model);

            assertThat(e.kind()).as("a server that went away: worth waiting for").isEqualTo(Kind.CONNECTION);
            assertThat(e.getMessage()).contains("connection refused");
        }
    }

    @Test
    void unexpectedStatusesAreClassifiedByRange() {
        assertThat(HttpFailures.kindOf(422)).isEqualTo(Kind.BAD_REQUEST);
        assertThat(HttpFailures.kindOf(413)).isEqualTo(Kind.BAD_REQUEST);
        assertThat(HttpFailures.kindOf(403)).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(HttpFailures.kindOf(408)).isEqualTo(Kind.TIMEOUT);
        assertThat(HttpFailures.kindOf(502)).isEqualTo(Kind.SERVER_ERROR);
        assertThat(HttpFailures.kindOf(302)).isEqualTo(Kind.MALFORMED_RESPONSE);
    }
}
