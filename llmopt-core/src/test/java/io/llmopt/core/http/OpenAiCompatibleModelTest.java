package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.TokenUsage;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimTokens;
import io.llmopt.sim.SimulatedLlmServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiCompatibleModelTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static OpenAiCompatibleModel model(SimulatedLlmServer sim) {
        return OpenAiCompatibleModel.builder(sim.baseUrl(), "sim-7b").provider("sim").build();
    }

    @Test
    void returnsTheCompletionWithUsageAndReportedModel() {
        sim.reply("The answer is 42.");
        try (OpenAiCompatibleModel model = model(sim)) {
            ChatResponse response = model.call(ChatRequest.builder().system("Be brief.").user("What is six times seven?").build());

            assertThat(response.text()).isEqualTo("The answer is 42.");
            assertThat(response.completions().get(0).finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(response.usage()).isEqualTo(new TokenUsage(
                    SimTokens.count("Be brief.") + SimTokens.count("What is six times seven?"), SimTokens.count("The answer is 42.")));
            assertThat(response.model()).isEqualTo("sim-7b");
            assertThat(response.cacheHit()).isFalse();
        }
    }

    @Test
    void infoNamesProviderModelAndNormalizedEndpoint() {
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder(sim.baseUrl() + "/", "m").provider("vllm").build()) {
            assertThat(model.info().provider()).isEqualTo("vllm");
            assertThat(model.info().model()).isEqualTo("m");
            assertThat(model.info().endpoint()).isEqualTo(sim.baseUrl());
        }
    }

    @Test
    void sendsEverySamplingParameter() throws Exception {
        try (OpenAiCompatibleModel model = model(sim)) {
            model.call(ChatRequest.builder().system("sys").user("u1").assistant("a1").user("u2")
                    .temperature(0.7).topP(0.9).maxTokens(64).stop(List.of("\n\n", "END")).seed(123L).build());

            SimRequest seen = sim.chatRequests().get(0);
            assertThat(seen.model()).isEqualTo("sim-7b");
            assertThat(seen.messages()).extracting(m -> m.role() + ":" + m.content())
                    .containsExactly("system:sys", "user:u1", "assistant:a1", "user:u2");
            assertThat(seen.temperature()).isEqualTo(0.7);
            assertThat(seen.topP()).isEqualTo(0.9);
            assertThat(seen.maxTokens()).isEqualTo(64);
            assertThat(seen.stop()).containsExactly("\n\n", "END");
            assertThat(seen.seed()).isEqualTo(123L);
            assertThat(seen.n()).isEqualTo(1);
            assertThat(sim.lastRequest().header("content-type")).isEqualTo("application/json");
        }
    }

    @Test
    void leavesUnsetParametersOut() throws Exception {
        try (OpenAiCompatibleModel model = model(sim)) {
            model.call(ChatRequest.ofUser("hi"));

            JsonNode body = MAPPER.readTree(sim.lastRequest().body());
            assertThat(body.has("top_p")).isFalse();
            assertThat(body.has("max_tokens")).isFalse();
            assertThat(body.has("stop")).isFalse();
            assertThat(body.has("seed")).isFalse();
            assertThat(body.has("n")).isFalse();
            assertThat(body.get("temperature").asDouble()).isZero();
        }
    }

    @Test
    void sendsTheApiKeyAsBearerToken() {
        sim.requireApiKey("sk-test-abc");
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder(sim.baseUrl(), "m")
                .apiKey(ApiKey.of("sk-test-abc")).header("X-Org", "lab").build()) {
            assertThat(model.complete("hi")).isEqualTo("echo: hi");
            assertThat(sim.lastRequest().header("authorization")).isEqualTo("Bearer sk-test-abc");
            assertThat(sim.lastRequest().header("x-org")).isEqualTo("lab");
            assertThat(model.toString()).doesNotContain("sk-test-abc");
        }
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() {
        try (OpenAiCompatibleModel model = model(sim)) {
            model.complete("hi");
            assertThat(sim.lastRequest().header("authorization")).isNull();
        }
    }

    @Test
    void maxTokensCutIsReportedAsLength() {
        sim.reply("one two three four five six");
        try (OpenAiCompatibleModel model = model(sim)) {
            ChatResponse response = model.call(ChatRequest.builder().user("go").maxTokens(2).build());

            assertThat(response.text()).isEqualTo("one two");
            assertThat(response.completions().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(response.completions().get(0).truncated()).isTrue();
        }
    }

    @Test
    void manyConcurrentCallsShareTheClient() {
        sim.reply((request, sample) -> "re " + request.lastUserMessage());
        try (OpenAiCompatibleModel model = model(sim)) {
            List<CompletableFuture<ChatResponse>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(model.chat(ChatRequest.ofUser("q" + i)));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(calls.get(i).join().text()).isEqualTo("re q" + i);
            }
            assertThat(sim.requestCount()).isEqualTo(200);
        }
    }

    @Test
    void closedModelRefusesCalls() {
        OpenAiCompatibleModel model = model(sim);
        model.close();

        assertThatThrownBy(() -> model.complete("hi"))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.CANCELLED));
        model.close();
    }

    @Test
    void rejectsBaseUrlsWithCredentialsOrWithoutScheme() {
        assertThatThrownBy(() -> OpenAiCompatibleModel.builder("http://user:secret@host/v1", "m").build())
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("secret");
        assertThatThrownBy(() -> OpenAiCompatibleModel.builder("localhost:8000/v1", "m").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OpenAiCompatibleModel.normalizeBaseUrl("http://h:1/v1/chat/completions")).isEqualTo("http://h:1/v1");
        assertThat(OpenAiCompatibleModel.normalizeBaseUrl(" https://api.example.com/v1// ")).isEqualTo("https://api.example.com/v1");
    }
}
