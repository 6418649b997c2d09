package io.llmopt.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.MessageRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /v1/completions and the sampling fields, through llama.cpp on the tiny model. */
class RawCompletionsTest {

    private static LlamaEngine engine;
    private static LocalModelServer server;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static int eos;
    private static int vocab;

    @BeforeAll
    static void start() throws Exception {
        engine = LlamaEngine.load(TinyModel.file(), "tiny", new EngineSettings(1, 512, 2, 128));
        server = LocalModelServer.start(engine, "127.0.0.1", 0, 2);
        vocab = (int) GgufFile.read(TinyModel.file()).tokenizer().size();
        eos = engine.promptTokens("<|im_end|>")[0];
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ObjectNode raw(String prompt, int maxTokens) {
        ObjectNode body = json.createObjectNode();
        body.put("model", "tiny");
        body.put("prompt", prompt);
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0);
        return body;
    }

    @Test
    void a_raw_prompt_reaches_the_model_as_is_with_no_template() throws Exception {
        List<ChatMessage> messages = List.of(new ChatMessage(MessageRole.USER, "Say hello."));
        String rendered = engine.render(messages);
        ObjectNode chat = json.createObjectNode().put("temperature", 0).put("max_tokens", 20);
        chat.putArray("messages").addObject().put("role", "user").put("content", "Say hello.");

        JsonNode viaChat = post("/chat/completions", chat, 200);
        JsonNode viaRaw = post("/completions", raw(rendered, 20), 200);
        JsonNode plain = post("/completions", raw("Say hello.", 20), 200);

        // the chat template's text sent raw is exactly what the chat endpoint feeds the model
        assertThat(viaRaw.at("/choices/0/text").asText()).isEqualTo(viaChat.at("/choices/0/message/content").asText());
        assertThat(viaRaw.at("/usage/prompt_tokens").asInt()).isEqualTo(viaChat.at("/usage/prompt_tokens").asInt());
        // and a plain raw prompt gets no template around it (the tiny model adds no BOS)
        assertThat(plain.at("/usage/prompt_tokens").asInt()).isEqualTo(engine.countTokens("Say hello."))
                .isLessThan(viaChat.at("/usage/prompt_tokens").asInt());
        assertThat(plain.get("object").asText()).isEqualTo("text_completion");
        assertThat(plain.at("/choices/0/finish_reason").asText()).isIn("stop", "length");
        assertThat(plain.at("/usage/completion_tokens").asInt()).isBetween(1, 20);
    }

    @Test
    void returns_n_seeded_samples() throws Exception {
        ObjectNode body = raw("Once upon a time", 12).put("temperature", 1.0).put("seed", 7).put("n", 3);

        JsonNode first = post("/completions", body, 200);
        JsonNode again = post("/completions", body, 200);

        assertThat(first.get("choices")).hasSize(3);
        assertThat(texts(again)).isEqualTo(texts(first));
    }

    @Test
    void top_k_1_samples_the_greedy_completion_whatever_the_seed() throws Exception {
        String greedy = text(post("/completions", raw("Once upon a time", 16), 200));
        ObjectNode free = raw("Once upon a time", 16).put("temperature", 1.0).put("seed", 3).put("n", 4);
        ObjectNode topK1 = free.deepCopy().put("top_k", 1);

        assertThat(texts(post("/completions", free, 200))).anyMatch(t -> !t.equals(greedy));
        assertThat(texts(post("/completions", topK1, 200))).containsOnly(greedy);
    }

    @Test
    void a_banned_token_never_appears() throws Exception {
        String greedy = text(post("/completions", raw("Once upon a time", 40), 200));
        String c = greedy.chars().filter(ch -> ch < 128 && Character.isLetterOrDigit(ch)).mapToObj(ch -> String.valueOf((char) ch))
                .findFirst().orElseThrow(() -> new AssertionError("no ASCII letter in " + greedy));
        ObjectNode body = raw("Once upon a time", 40).put("temperature", 1.0).put("seed", 11).put("n", 4);
        ObjectNode bias = body.putObject("logit_bias");
        int banned = 0;
        for (int id = 0; id < vocab; id++) {
            if (engine.tokenText(id).contains(c)) {
                bias.put(Integer.toString(id), banned++ % 2 == 0 ? -100 : 0).put(Integer.toString(id), -100);
            }
        }
        JsonNode banGreedy = post("/completions", raw("Once upon a time", 40).set("logit_bias", bias), 200);

        assertThat(banned).isPositive();
        assertThat(text(banGreedy)).doesNotContain(c).isNotEqualTo(greedy);
        assertThat(texts(post("/completions", body, 200))).allSatisfy(t -> assertThat(t).doesNotContain(c));
    }

    @Test
    void a_text_key_of_logit_bias_bans_every_token_of_the_text_as_llama_server_does() throws Exception {
        String word = "Once upon";
        int[] tokens = engine.promptTokens(word); // the tiny model adds no BOS: these are the text's tokens
        assertThat(tokens).hasSizeGreaterThan(1);
        ObjectNode byText = raw("Once upon a time", 30);
        byText.putObject("logit_bias").put(word, -100);
        ObjectNode byIds = raw("Once upon a time", 30);
        ObjectNode ids = byIds.putObject("logit_bias");
        for (int id : tokens) {
            ids.put(Integer.toString(id), -100);
        }

        // greedy, so the same bans give the same text
        assertThat(text(post("/completions", byText, 200))).isEqualTo(text(post("/completions", byIds, 200)));
        assertThat(message(post("/completions", raw("x", 4).set("logit_bias", json.createObjectNode().put("x", "no")), 400)))
                .contains("logit_bias").contains("x");
    }

    @Test
    void min_tokens_holds_off_the_end_of_generation() throws Exception {
        ObjectNode forceEos = raw("Once upon a time", 30);
        forceEos.putObject("logit_bias").put(Integer.toString(eos), 100);

        JsonNode ended = post("/completions", forceEos, 200);
        JsonNode held = post("/completions", forceEos.deepCopy().put("min_tokens", 5), 200);

        assertThat(ended.at("/usage/completion_tokens").asInt()).isZero();
        assertThat(ended.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(held.at("/usage/completion_tokens").asInt()).isEqualTo(5);
        assertThat(text(held)).isNotEmpty();
        assertThat(held.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void a_stop_token_id_ends_the_completion_after_that_token() throws Exception {
        String greedy = text(post("/completions", raw("Once upon a time", 40), 200));
        int[] tokens = engine.promptTokens(greedy);
        int stopId = -1;
        for (int i = 2; i < tokens.length && stopId < 0; i++) {
            String piece = engine.tokenText(tokens[i]);
            if (!piece.isEmpty() && greedy.indexOf(piece) == greedy.indexOf(piece, 1) && greedy.indexOf(piece) > 0) {
                stopId = tokens[i];
            }
        }
        assertThat(stopId).as("a token of the greedy text seen once").isNotNegative();
        ObjectNode body = raw("Once upon a time", 40);
        body.putArray("stop_token_ids").add(stopId);

        JsonNode stopped = post("/completions", body, 200);

        String piece = engine.tokenText(stopId);
        assertThat(text(stopped)).isEqualTo(greedy.substring(0, greedy.indexOf(piece) + piece.length()));
        assertThat(stopped.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(stopped.at("/usage/completion_tokens").asInt()).isLessThan(40);
    }

    @Test
    void penalties_and_min_p_are_honoured_and_change_the_greedy_path() throws Exception {
        String greedy = text(post("/completions", raw("Once upon a time", 40), 200));
        ObjectNode penalised = raw("Once upon a time", 40).put("repetition_penalty", 5.0).put("frequency_penalty", 2.0)
                .put("presence_penalty", 2.0).put("min_p", 0.1);

        assertThat(text(post("/completions", penalised, 200))).isNotEqualTo(greedy);
    }

    @Test
    void refuses_fields_it_does_not_honour_naming_them() throws Exception {
        assertThat(message(post("/completions", raw("x", 4).put("logprobs", 2), 400))).contains("logprobs");
        ObjectNode badWords = raw("x", 4);
        badWords.putArray("bad_words").add("[PROTECT]");
        assertThat(message(post("/completions", badWords, 400))).contains("bad_words");
        ObjectNode chat = json.createObjectNode().put("echo", true);
        chat.putArray("messages").addObject().put("role", "user").put("content", "hi");
        assertThat(message(post("/chat/completions", chat, 400))).contains("echo");
        ObjectNode outside = raw("x", 4);
        outside.putObject("logit_bias").put(Integer.toString(vocab), -100);
        assertThat(message(post("/completions", outside, 400))).contains("logit_bias").contains(Integer.toString(vocab));
        assertThat(message(post("/completions", raw("x", 4).put("min_tokens", 9), 400))).contains("min_tokens");
        assertThat(message(post("/completions", raw("x", 4).put("top_k", -1), 400))).contains("top_k");
        post("/completions", json.createObjectNode().put("prompt", 3), 400);
    }

    private static String message(JsonNode error) {
        return error.at("/error/message").asText();
    }

    private static String text(JsonNode response) {
        return response.at("/choices/0/text").asText();
    }

    private static List<String> texts(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.get("choices").forEach(c -> out.add(c.get("text").asText()));
        return out;
    }

    private static JsonNode post(String path, JsonNode body, int expectedStatus) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("status of %s %s: %s", path, body, r.body()).isEqualTo(expectedStatus);
        return json.readTree(r.body());
    }
}
