package io.llmopt.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.http.NSupport;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LlmException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The real path, end to end: llama.cpp on a tiny random-weight model behind the OpenAI-compatible server. */
class LocalModelServerTest {

    private static final int CONTEXT = 512;
    private static LlamaEngine engine;
    private static LocalModelServer server;
    private static OpenAiCompatibleModel model;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        engine = LlamaEngine.load(TinyModel.file(), "tiny", new EngineSettings(1, CONTEXT, 2, 128));
        server = LocalModelServer.start(engine, "127.0.0.1", 0, 2);
        model = OpenAiCompatibleModel.builder(server.baseUrl(), "tiny").provider("local").nSupport(NSupport.ALWAYS_N).build();
    }

    @AfterAll
    static void stop() {
        model.close();
        server.close();
    }

    private static ChatRequest.Builder ask() {
        return ChatRequest.builder().system("You are terse.").user("Say hello.").maxTokens(24);
    }

    @Test
    void renders_the_prompt_with_the_chat_template_from_the_gguf() {
        String prompt = engine.render(ask().build().messages());

        assertThat(prompt).startsWith("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nSay hello.<|im_end|>\n")
                .endsWith("<|im_start|>assistant\n");
        // control tokens are single tokens, so the template's markers cost one token each
        assertThat(engine.countTokens("<|im_start|>")).isEqualTo(1);
    }

    @Test
    void answers_a_chat_completion_with_usage_and_finish_reason() {
        ChatResponse response = model.call(ask().build());

        assertThat(response.completions()).hasSize(1);
        assertThat(response.model()).isEqualTo("tiny");
        assertThat(response.usage().promptTokens()).isEqualTo(engine.countTokens(engine.render(ask().build().messages())));
        assertThat(response.usage().completionTokens()).isBetween(1L, 24L);
        assertThat(response.completions().get(0).finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
    }

    @Test
    void returns_n_samples_and_bills_the_prompt_once() {
        ChatResponse response = model.call(ask().temperature(1.0).seed(5L).n(3).build());

        assertThat(response.completions()).hasSize(3);
        ChatResponse single = model.call(ask().temperature(1.0).seed(5L).build());
        assertThat(response.usage().promptTokens()).isEqualTo(single.usage().promptTokens());
        assertThat(response.usage().completionTokens()).isBetween(3L, 72L);
    }

    @Test
    void the_same_seed_gives_the_same_samples_and_sample_i_uses_seed_plus_i() {
        ChatRequest request = ask().temperature(1.0).seed(1234L).n(2).build();

        List<String> first = model.call(request).texts();
        List<String> again = model.call(request).texts();
        String secondAlone = model.call(ask().temperature(1.0).seed(1235L).build()).text();

        assertThat(again).isEqualTo(first);
        assertThat(secondAlone).isEqualTo(first.get(1));
        assertThat(first.get(0)).isNotEqualTo(first.get(1));
    }

    @Test
    void greedy_decoding_is_deterministic_without_a_seed() {
        assertThat(model.call(ask().build()).text()).isEqualTo(model.call(ask().build()).text());
    }

    @Test
    void max_tokens_caps_the_completion_and_reports_length() {
        ChatResponse response = model.call(ask().maxTokens(5).temperature(1.0).seed(9L).n(4).build());

        assertThat(response.usage().completionTokens()).isLessThanOrEqualTo(20);
        for (Completion c : response.completions()) {
            // a cut completion says so; one that ended earlier was stopped by the end-of-turn token
            assertThat(c.finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
        }
        assertThat(response.completions()).anyMatch(Completion::truncated);
    }

    @Test
    void a_stop_string_ends_the_completion_before_it() {
        String full = model.call(ask().maxTokens(40).build()).text();
        int at = firstLetterOrDigitSeenOnce(full);
        String stop = full.substring(at, at + 1);

        ChatResponse stopped = model.call(ask().maxTokens(40).stop(List.of(stop)).build());

        assertThat(stopped.text()).isEqualTo(full.substring(0, at)).doesNotContain(stop);
        assertThat(stopped.completions().get(0).finishReason()).isEqualTo(FinishReason.STOP);
    }

    /** The index of a letter or digit whose first occurrence is there and beyond index 0. */
    private static int firstLetterOrDigitSeenOnce(String text) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128 && text.indexOf(c) == i) {
                return i;
            }
        }
        throw new AssertionError("the greedy completion has no usable stop character: " + text.length() + " chars");
    }

    @Test
    void serves_concurrent_calls_across_slots() {
        List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(model.chat(ask().temperature(1.0).seed((long) i).maxTokens(12).build()));
        }
        List<ChatResponse> responses = calls.stream().map(CompletableFuture::join).toList();

        assertThat(responses).hasSize(4).allSatisfy(r -> assertThat(r.completions()).hasSize(1));
        // concurrency must not mix samples up: each call gives what it gives alone
        assertThat(responses.get(2).text()).isEqualTo(model.call(ask().temperature(1.0).seed(2L).maxTokens(12).build()).text());
    }

    @Test
    void embeds_inputs_as_unit_vectors_of_the_model_width() throws Exception {
        JsonNode body = post("/embeddings", "{\"model\":\"tiny\",\"input\":[\"hello world\",\"other text\",\"hello world\"]}", 200);

        JsonNode data = body.get("data");
        assertThat(data).hasSize(3);
        List<double[]> vectors = new ArrayList<>();
        for (JsonNode item : data) {
            double[] v = new double[item.get("embedding").size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = item.get("embedding").get(i).asDouble();
            }
            vectors.add(v);
        }
        assertThat(vectors.get(0)).hasSize(64);
        for (double[] v : vectors) {
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-4));
        }
        assertThat(vectors.get(2)).containsExactly(vectors.get(0));
        assertThat(vectors.get(1)).isNotEqualTo(vectors.get(0));
        assertThat(body.at("/usage/prompt_tokens").asLong()).isPositive();
    }

    @Test
    void lists_the_served_model() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).at("/data/0/id").asText()).isEqualTo("tiny");
    }

    @Test
    void refuses_invalid_parameters_with_400_before_they_reach_native_code() throws Exception {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        assertThat(post("/chat/completions", "{" + messages + ",\"temperature\":7}", 400).at("/error/message").asText())
                .contains("temperature");
        assertThat(post("/chat/completions", "{" + messages + ",\"n\":0}", 400).at("/error/type").asText())
                .isEqualTo("invalid_request_error");
        post("/chat/completions", "{" + messages + ",\"stream\":true}", 400);
        post("/chat/completions", "{" + messages + ",\"stop\":[\"\"]}", 400);
        post("/chat/completions", "{" + messages + ",\"max_tokens\":-3}", 400);
        post("/chat/completions", "{\"messages\":[]}", 400);
        post("/chat/completions", "not json", 400);
        post("/embeddings", "{\"input\":\"\"}", 400);
        post("/nowhere", "{}", 404);
    }

    @Test
    void a_prompt_longer_than_the_slot_context_is_a_bad_request() {
        String longPrompt = "word ".repeat(CONTEXT);

        assertThatThrownBy(() -> model.call(ChatRequest.ofUser(longPrompt)))
                .isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).kind()).isEqualTo(LlmException.Kind.BAD_REQUEST))
                .hasMessageContaining("context per slot");
    }

    private static JsonNode post(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("status of %s %s", path, body).isEqualTo(expectedStatus);
        return json.readTree(r.body());
    }
}
