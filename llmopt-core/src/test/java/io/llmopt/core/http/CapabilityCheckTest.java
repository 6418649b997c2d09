package io.llmopt.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.llm.Sampling;
import io.llmopt.sim.SimulatedLlmServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** One warning line when the server is known to ignore a sampling field; silence and no harm otherwise. */
class CapabilityCheckTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start().reply("ok");

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private OpenAiCompatibleModel model(String baseUrl) {
        CapabilityCheck.forget(OpenAiCompatibleModel.normalizeBaseUrl(baseUrl));
        return OpenAiCompatibleModel.builder(baseUrl, "m").api(ModelApi.COMPLETIONS).warnings(warnings::add).build();
    }

    private static ChatRequest withTopK() {
        return ChatRequest.builder().rawPrompt("p").sampling(Sampling.builder().topK(50).badWords(List.of("x")).build()).build();
    }

    @Test
    void aServerKnownToIgnoreAFieldGetsOneWarningLineNamingTheFields() throws Exception {
        try (OpenAiCompatibleModel model = model(sim.baseUrl())) {
            model.call(withTopK());
            model.call(withTopK());
            model.call(ChatRequest.builder().rawPrompt("q").sampling(Sampling.builder().minTokens(3).build()).build());
            // the warnings are given in the background: the family is probed once
            model.call(ChatRequest.raw("no fields"));
            CapabilityCheckTest.await(() -> warnings.size() >= 2);
        }
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("the simulated server at " + sim.baseUrl() + " (model m) ignores top_k, bad_words:");
        assertThat(warnings.get(1)).contains("ignores min_tokens:");
        assertThat(sim.requests().stream().filter(r -> r.path().equals("/v1/models")).count()).as("probed once").isEqualTo(1);
    }

    @Test
    void requestsWithoutFurtherSamplingFieldsNeverProbe() {
        try (OpenAiCompatibleModel model = model(sim.baseUrl())) {
            model.call(ChatRequest.raw("p"));
            model.call(ChatRequest.builder().rawPrompt("p").seed(1L).n(2).build());
        }
        assertThat(sim.requests()).extracting(r -> r.path()).containsOnly("/v1/completions");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aServerWithoutV1ModelsIsToleratedAndNothingIsSaid() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> paths = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            boolean completion = exchange.getRequestURI().getPath().equals("/v1/completions");
            byte[] body = (completion
                    ? "{\"choices\":[{\"index\":0,\"text\":\"fine\",\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}"
                    : "{\"error\":{\"message\":\"not found\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(completion ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (OpenAiCompatibleModel model = model("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")) {
            assertThat(model.call(withTopK()).text()).isEqualTo("fine");
            assertThat(model.call(withTopK()).text()).isEqualTo("fine");
            await(() -> paths.contains("/v1/models"));
        } finally {
            server.stop(0);
        }
        assertThat(paths.stream().filter("/v1/models"::equals).count()).isEqualTo(1);
        assertThat(warnings).isEmpty();
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
