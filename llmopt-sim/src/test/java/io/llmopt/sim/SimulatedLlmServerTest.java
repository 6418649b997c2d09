package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.llmopt.sim.SimClient.chat;
import static io.llmopt.sim.SimClient.json;
import static io.llmopt.sim.SimClient.post;
import static org.assertj.core.api.Assertions.assertThat;

class SimulatedLlmServerTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    @Test
    void answersWithTheOpenAiChatCompletionShape() {
        sim.reply("Paris is the capital.");

        HttpResponse<String> response = post(sim, chat("What is the capital of France?", null));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("model").asText()).isEqualTo("m1");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Paris is the capital.");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        // prompt: "Be brief." = 3 tokens, "What is the capital of France?" = 7; reply = 5
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(10);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(15);
    }

    @Test
    void statsTotalTheTokensAPayingClientWouldBeBilled() {
        sim.reply("Paris is the capital.");
        post(sim, chat("What is the capital of France?", null));
        post(sim, chat("What is the capital of France?", null));
        sim.inject(FaultRule.always(Fault.SERVER_ERROR));
        post(sim, chat("What is the capital of France?", null));

        SimStats stats = sim.stats();
        assertThat(stats.promptTokens()).isEqualTo(20);
        assertThat(stats.completionTokens()).isEqualTo(10);
    }

    @Test
    void echoesTheLastUserMessageByDefault() {
        JsonNode body = json(post(sim, chat("hello there", null)));

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("echo: hello there");
    }

    @Test
    void returnsNChoicesInIndexOrder() {
        sim.reply((request, sample) -> "sample " + sample);

        JsonNode body = json(post(sim, chat("go", "\"n\": 3")));

        assertThat(body.path("choices")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(body.path("choices").get(i).path("index").asInt()).isEqualTo(i);
            assertThat(body.path("choices").get(i).at("/message/content").asText()).isEqualTo("sample " + i);
        }
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(6);
    }

    @Test
    void ignoringNReturnsOneChoice() {
        sim.ignoreN(true);

        JsonNode body = json(post(sim, chat("go", "\"n\": 4")));

        assertThat(body.path("choices")).hasSize(1);
        assertThat(sim.chatRequests().get(0).n()).isEqualTo(4);
    }

    @Test
    void cutsAtTheEarliestStopString() {
        sim.reply("first line\nsecond line END more");

        JsonNode body = json(post(sim, chat("go", "\"stop\": [\"END\", \"\\n\"]")));

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("first line");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void acceptsASingleStopString() {
        sim.reply("a b c");

        JsonNode body = json(post(sim, chat("go", "\"stop\": \" c\"")));

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("a b");
    }

    @Test
    void truncatesToMaxTokensWithFinishReasonLength() {
        sim.reply("one two three four five");

        JsonNode body = json(post(sim, chat("go", "\"max_tokens\": 3")));

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("one two three");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void replyExactlyAtMaxTokensIsNotTruncated() {
        sim.reply("one two three");

        JsonNode body = json(post(sim, chat("go", "\"max_tokens\": 3")));

        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void firstMatchingRegexRuleWinsOverTheFallback() {
        sim.replyWhen("capital", "Paris").replyWhen("capital of Spain", "Madrid").reply("no idea");

        assertThat(json(post(sim, chat("capital of Spain?", null))).at("/choices/0/message/content").asText()).isEqualTo("Paris");
        assertThat(json(post(sim, chat("weather?", null))).at("/choices/0/message/content").asText()).isEqualTo("no idea");
    }

    @Test
    void replyFunctionSeesTheParsedRequest() {
        sim.reply((request, sample) -> request.model() + "|" + request.temperature() + "|" + request.topP() + "|"
                + request.maxTokens() + "|" + request.seed() + "|" + request.systemMessage() + "|" + request.header("x-trace"));

        JsonNode body = json(post(sim, chat("go", "\"temperature\": 0.7, \"top_p\": 0.9, \"max_tokens\": 50, \"seed\": 11"),
                "X-Trace", "t1"));

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("m1|0.7|0.9|50|11|Be brief.|t1");
    }

    @Test
    void aFailingReplyFunctionGives500NamingTheCause() {
        sim.reply((request, sample) -> {
            throw new IllegalStateException("script bug");
        });

        HttpResponse<String> response = post(sim, chat("go", null));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("script bug");
    }

    @Test
    void recordsRequestsWithBodyHeadersAndParsedView() {
        post(sim, chat("first", null), "X-Run", "r1");
        post(sim, chat("second", "\"seed\": 5"));

        assertThat(sim.requestCount()).isEqualTo(2);
        RecordedRequest first = sim.requests().get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/chat/completions");
        assertThat(first.header("X-RUN")).isEqualTo("r1");
        assertThat(first.body()).contains("\"first\"");
        assertThat(first.chat()).get().extracting(SimRequest::lastUserMessage).isEqualTo("first");
        assertThat(sim.lastRequest().parsed().seed()).isEqualTo(5L);
        assertThat(sim.lastRequest().parsed().temperature()).isNull();

        sim.clear();

        assertThat(sim.requestCount()).isZero();
        assertThat(sim.stats().totalRequests()).isEqualTo(2);
    }

    @Test
    void invalidJsonBodyGets400() {
        HttpResponse<String> response = post(sim, "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("JSON");
        assertThat(sim.lastRequest().parsed()).isNull();
    }

    @Test
    void listsModels() {
        sim.serveModels("b-model", "a-model");

        JsonNode body = json(SimClient.get(sim, "/v1/models"));

        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").findValuesAsText("id")).containsExactly("a-model", "b-model");
    }

    @Test
    void unservedModelGets404() {
        sim.serveModels("other");

        HttpResponse<String> response = post(sim, chat("go", null));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("model_not_found");
        assertThat(json(response).at("/error/message").asText()).contains("m1");
    }

    @Test
    void requiredApiKeyRefusesMissingOrWrongKeys() {
        sim.requireApiKey("sk-test-123");

        assertThat(post(sim, chat("go", null)).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = post(sim, chat("go", null), "Authorization", "Bearer sk-wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("sk-wrong").doesNotContain("sk-test-123");
        assertThat(post(sim, chat("go", null), "Authorization", "Bearer sk-test-123").statusCode()).isEqualTo(200);
        assertThat(SimClient.get(sim, "/v1/models").statusCode()).isEqualTo(401);
    }

    @Test
    void unknownPathGets404AndWrongMethod405() {
        assertThat(SimClient.get(sim, "/v2/nothing").statusCode()).isEqualTo(404);
        assertThat(SimClient.get(sim, "/v1/chat/completions").statusCode()).isEqualTo(405);
    }

    @Test
    void servesManyRequestsOnOneKeptAliveConnection() throws Exception {
        sim.reply("ok");
        byte[] body = chat("go", null).getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 3; i++) {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int length = -1;
                for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                char[] content = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(content, read, length - read);
                }
                assertThat(new String(content)).contains("\"ok\"");
            }
        }
        assertThat(sim.requestCount()).isEqualTo(3);
    }

    @Test
    void acceptsChunkedBodies() throws Exception {
        String body = chat("chunked hello", null);
        int half = body.length() / 2;
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(half) + "\r\n" + body.substring(0, half) + "\r\n"
                + Integer.toHexString(body.length() - half) + "\r\n" + body.substring(half) + "\r\n0\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 200 OK").contains("echo: chunked hello");
        }
    }
}
