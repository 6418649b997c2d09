package io.llmopt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated files and batch APIs over real HTTP, in the shapes OpenAI documents. */
class SimBatchApiTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    private final SimJobsClient client = new SimJobsClient(sim);

    private static String requests(int count, String endpoint) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String body = endpoint.equals("/v1/completions")
                    ? "{\"model\": \"m\", \"prompt\": \"question " + i + "\"}"
                    : "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"question " + i + "\"}]}";
            b.append("{\"custom_id\": \"req-").append(i).append("\", \"method\": \"POST\", \"url\": \"")
                    .append(endpoint).append("\", \"body\": ").append(body).append("}\n");
        }
        return b.toString();
    }

    private JsonNode createBatch(String fileId) {
        return client.postJson("/v1/batches", "{\"input_file_id\": \"" + fileId
                + "\", \"endpoint\": \"/v1/chat/completions\", \"completion_window\": \"24h\", \"metadata\": {\"run\": \"r1\"}}");
    }

    @Test
    void anUploadedFileIsListedAndItsContentComesBackByteForByte() {
        String text = requests(3, "/v1/chat/completions");
        JsonNode file = client.upload("in.jsonl", "batch", text);
        assertThat(file.path("object").asText()).isEqualTo("file");
        assertThat(file.path("purpose").asText()).isEqualTo("batch");
        assertThat(file.path("bytes").asInt()).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(client.content(file.path("id").asText())).isEqualTo(text);
        assertThat(client.get("/v1/files?purpose=batch").path("data").get(0).path("id").asText())
                .isEqualTo(file.path("id").asText());
        assertThat(client.get("/v1/files?purpose=fine-tune").path("data")).isEmpty();
    }

    @Test
    void aBatchRunsEveryRequestThroughTheScriptAndWritesOneOutputLinePerRequest() throws Exception {
        sim.replyWhen("question 1\\b", "one").reply("other");
        String fileId = client.upload("in.jsonl", "batch", requests(5, "/v1/chat/completions")).path("id").asText();
        JsonNode created = createBatch(fileId);
        assertThat(created.path("object").asText()).isEqualTo("batch");
        assertThat(created.path("metadata").path("run").asText()).isEqualTo("r1");
        String id = created.path("id").asText();

        JsonNode done = client.await("/v1/batches/" + id, b -> b.path("status").asText().equals("completed"));
        assertThat(done.path("request_counts").path("total").asInt()).isEqualTo(5);
        assertThat(done.path("request_counts").path("completed").asInt()).isEqualTo(5);
        assertThat(done.path("error_file_id").isNull()).isTrue();
        List<JsonNode> lines = jsonl(client.content(done.path("output_file_id").asText()));
        assertThat(lines).hasSize(5);
        JsonNode one = lines.stream().filter(l -> l.path("custom_id").asText().equals("req-1")).findFirst().orElseThrow();
        assertThat(one.path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(one.path("response").path("body").path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("one");
        assertThat(sim.batchRequestsExecuted()).isEqualTo(5);
    }

    @Test
    void aBatchShowsItsProgressWhileItRuns() throws Exception {
        sim.reply("x").batchProcessingTime(Duration.ofMillis(600));
        String id = createBatch(client.upload("in.jsonl", "batch", requests(6, "/v1/chat/completions"))
                .path("id").asText()).path("id").asText();
        JsonNode midway = client.await("/v1/batches/" + id, b -> b.path("status").asText().equals("in_progress")
                && b.path("request_counts").path("completed").asInt() > 0);
        assertThat(midway.path("request_counts").path("completed").asInt()).isLessThan(6);
        assertThat(midway.path("in_progress_at").isNumber()).isTrue();
        client.await("/v1/batches/" + id, b -> b.path("status").asText().equals("completed"));
    }

    @Test
    void requestsThatFailGoToTheErrorFileWithTheirStatus() throws Exception {
        sim.reply("fine").inject(FaultRule.when(r -> r.lastUserMessage().equals("question 2"), Fault.SERVER_ERROR))
                .inject(FaultRule.when(r -> r.lastUserMessage().equals("question 3"), Fault.BAD_REQUEST));
        String id = createBatch(client.upload("in.jsonl", "batch", requests(5, "/v1/chat/completions"))
                .path("id").asText()).path("id").asText();
        JsonNode done = client.await("/v1/batches/" + id, b -> b.path("status").asText().equals("completed"));
        assertThat(done.path("request_counts").path("completed").asInt()).isEqualTo(3);
        assertThat(done.path("request_counts").path("failed").asInt()).isEqualTo(2);
        List<JsonNode> errors = jsonl(client.content(done.path("error_file_id").asText()));
        assertThat(errors).extracting(e -> e.path("custom_id").asText()).containsExactlyInAnyOrder("req-2", "req-3");
        assertThat(errors).extracting(e -> e.path("response").path("status_code").asInt()).containsExactlyInAnyOrder(500, 400);
        assertThat(jsonl(client.content(done.path("output_file_id").asText()))).hasSize(3);
    }

    @Test
    void anExpiredBatchKeepsWhatItFinishedAndReportsTheRestAsExpired() throws Exception {
        sim.reply("x").batchExpiresAfterRequests(4);
        String id = createBatch(client.upload("in.jsonl", "batch", requests(10, "/v1/chat/completions"))
                .path("id").asText()).path("id").asText();
        JsonNode done = client.await("/v1/batches/" + id, b -> b.path("status").asText().equals("expired"));
        int finished = done.path("request_counts").path("completed").asInt();
        assertThat(finished).isEqualTo(4);
        List<JsonNode> expired = jsonl(client.content(done.path("error_file_id").asText()));
        assertThat(expired).hasSize(10 - finished)
                .allSatisfy(e -> assertThat(e.path("error").path("code").asText()).isEqualTo("batch_expired"));
        assertThat(jsonl(client.content(done.path("output_file_id").asText()))).hasSize(finished);
        assertThat(done.path("expired_at").isNumber()).isTrue();
    }

    @Test
    void aCancelledBatchStopsAndSaysWhichRequestsDidNotRun() throws Exception {
        sim.reply("x").batchProcessingTime(Duration.ofMillis(3000));
        String id = createBatch(client.upload("in.jsonl", "batch", requests(10, "/v1/chat/completions"))
                .path("id").asText()).path("id").asText();
        client.await("/v1/batches/" + id, b -> b.path("request_counts").path("completed").asInt() >= 1);
        JsonNode cancelling = client.postJson("/v1/batches/" + id + "/cancel", "{}");
        assertThat(cancelling.path("status").asText()).isEqualTo("cancelling");
        JsonNode done = client.await("/v1/batches/" + id, b -> b.path("status").asText().equals("cancelled"));
        int finished = done.path("request_counts").path("completed").asInt();
        assertThat(finished).isLessThan(10);
        assertThat(jsonl(client.content(done.path("error_file_id").asText())))
                .hasSize(10 - finished)
                .allSatisfy(e -> assertThat(e.path("error").path("code").asText()).isEqualTo("batch_cancelled"));
    }

    @Test
    void aBatchThatFailsAsAWholeSaysWhy() throws Exception {
        sim.failNextBatch("capacity exhausted");
        String id = createBatch(client.upload("in.jsonl", "batch", requests(2, "/v1/chat/completions"))
                .path("id").asText()).path("id").asText();
        JsonNode done = client.await("/v1/batches/" + id, b -> b.path("status").asText().equals("failed"));
        assertThat(done.path("errors").path("data").get(0).path("message").asText()).isEqualTo("capacity exhausted");
        assertThat(sim.batchRequestsExecuted()).isZero();
        // only the next one fails
        String second = createBatch(client.upload("in.jsonl", "batch", requests(2, "/v1/chat/completions"))
                .path("id").asText()).path("id").asText();
        client.await("/v1/batches/" + second, b -> b.path("status").asText().equals("completed"));
    }

    @Test
    void anInvalidInputFileFailsTheBatchNamingTheLine() throws Exception {
        String bad = requests(2, "/v1/chat/completions") + "{\"custom_id\": \"req-0\", \"method\": \"POST\", "
                + "\"url\": \"/v1/chat/completions\", \"body\": {}}\n";
        String id = createBatch(client.upload("in.jsonl", "batch", bad).path("id").asText()).path("id").asText();
        JsonNode done = client.await("/v1/batches/" + id, b -> b.path("status").asText().equals("failed"));
        assertThat(done.path("errors").path("data").get(0).path("message").asText())
                .isEqualTo("line 3: custom_id req-0 is not unique");
    }

    @Test
    void aFileOverTheProvidersLimitIsRefused() throws Exception {
        sim.batchLimits(3, 1_000_000);
        String id = createBatch(client.upload("in.jsonl", "batch", requests(4, "/v1/chat/completions"))
                .path("id").asText()).path("id").asText();
        JsonNode done = client.await("/v1/batches/" + id, b -> b.path("status").asText().equals("failed"));
        assertThat(done.path("errors").path("data").get(0).path("message").asText()).contains("4 requests; at most 3");
    }

    @Test
    void creatingABatchChecksTheFileAndTheEndpoint() {
        String fileId = client.upload("train.jsonl", "fine-tune", "{}").path("id").asText();
        assertThat(createBatch(fileId).path("error").path("message").asText()).contains("not batch");
        assertThat(createBatch("file-nope").path("error").path("message").asText()).contains("no file with id file-nope");
        assertThat(client.postJson("/v1/batches", "{\"input_file_id\": \"" + fileId + "\", \"endpoint\": \"/v1/embeddings\"}")
                .path("error").path("message").asText()).contains("endpoint must be one of");
        assertThat(client.get("/v1/batches/batch_nope").path("error").path("message").asText()).contains("batch_nope");
    }

    @Test
    void theBatchKeyIsChecked() {
        sim.requireApiKey("sk-right");
        assertThat(SimClient.get(sim, "/v1/batches").statusCode()).isEqualTo(401);
        assertThat(SimClient.get(sim, "/v1/batches", "Authorization", "Bearer sk-right").statusCode()).isEqualTo(200);
    }

    @Test
    void batchesAreListedNewestFirst() throws Exception {
        String fileId = client.upload("in.jsonl", "batch", requests(1, "/v1/chat/completions")).path("id").asText();
        String first = createBatch(fileId).path("id").asText();
        String second = createBatch(fileId).path("id").asText();
        JsonNode list = client.get("/v1/batches?limit=1");
        assertThat(list.path("data").get(0).path("id").asText()).isEqualTo(second);
        assertThat(list.path("has_more").asBoolean()).isTrue();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aBatchInputFileIsAnsweredLikeVllmRunBatch(@TempDir Path dir) throws Exception {
        sim.reply("answer");
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        Files.writeString(in, requests(2, "/v1/chat/completions") + requests(1, "/v1/completions").replace("req-0", "req-c"));
        sim.answerBatchFile(in, out);
        List<JsonNode> lines = jsonl(Files.readString(out));
        assertThat(lines).extracting(l -> l.path("custom_id").asText()).containsExactly("req-0", "req-1", "req-c");
        assertThat(lines.get(0).path("response").path("body").path("choices").get(0).path("message").path("content")
                .asText()).isEqualTo("answer");
        Set<String> paths = new java.util.HashSet<>();
        sim.requests().forEach(r -> paths.add(r.path()));
        assertThat(paths).contains("/v1/chat/completions", "/v1/completions");
    }

    static List<JsonNode> jsonl(String text) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(SimClient.MAPPER.readTree(line));
            }
        }
        return out;
    }
}
