package io.llmopt.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.llm.LlmException;
import io.llmopt.sim.SimulatedLlmServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The files, batch and fine-tuning client against the simulated server over real HTTP. */
class OpenAiJobsClientTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    private final ObjectMapper mapper = new ObjectMapper();

    private OpenAiJobsClient client(String key) {
        return new OpenAiJobsClient(sim.baseUrl(), key == null ? null : ApiKey.of(key), Duration.ofSeconds(10),
                Duration.ofMillis(10));
    }

    private static String examples(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("{\"messages\": [{\"role\": \"user\", \"content\": \"p").append(i)
                    .append("\"}, {\"role\": \"assistant\", \"content\": \"q").append(i).append("\"}]}\n");
        }
        return b.toString();
    }

    private static <T> T await(Supplier<T> poll, java.util.function.Predicate<T> done) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(end)) {
            T value = poll.get();
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not done in 10 s: " + poll.get());
    }

    @Test
    void anUploadedFileComesBackByteForByte() {
        byte[] content = "{\"a\": \"ünïcode\"}\n".getBytes(StandardCharsets.UTF_8);
        RemoteFile file = client(null).uploadFile("train.jsonl", "fine-tune", content);
        assertThat(file.purpose()).isEqualTo("fine-tune");
        assertThat(file.bytes()).isEqualTo(content.length);
        assertThat(client(null).fileContent(file.id())).isEqualTo(content);
    }

    @Test
    void aFineTuningJobIsFollowedToItsModelWithItsEvents() throws Exception {
        OpenAiJobsClient client = client(null);
        RemoteFile file = client.uploadFile("train.jsonl", "fine-tune", examples(10).getBytes(StandardCharsets.UTF_8));
        ObjectNode body = mapper.createObjectNode().put("model", "base").put("training_file", file.id()).put("suffix", "bpo");
        body.putObject("hyperparameters").put("n_epochs", 2);
        FineTuningJob job = client.createFineTuningJob(body);
        assertThat(job.isFinal()).isFalse();
        FineTuningJob done = await(() -> client.fineTuningJob(job.id()), FineTuningJob::isFinal);
        assertThat(done.succeeded()).isTrue();
        assertThat(done.fineTunedModel()).startsWith("ft:base:");
        assertThat(done.trainedTokens()).isEqualTo(10L * 2 * 2);
        List<FineTuningEvent> events = client.fineTuningEvents(job.id(), null, 100);
        assertThat(events.get(events.size() - 1).message()).isEqualTo("The job has successfully completed");
        assertThat(events.get(0).message()).startsWith("Validating training file");
    }

    @Test
    void aFailedJobCarriesTheServersReason() throws Exception {
        OpenAiJobsClient client = client(null);
        RemoteFile file = client.uploadFile("train.jsonl", "fine-tune", examples(2).getBytes(StandardCharsets.UTF_8));
        FineTuningJob job = client.createFineTuningJob(
                mapper.createObjectNode().put("model", "base").put("training_file", file.id()));
        FineTuningJob done = await(() -> client.fineTuningJob(job.id()), FineTuningJob::isFinal);
        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.error()).contains("2 examples; at least 10");
    }

    @Test
    void aBatchIsCreatedFollowedAndItsOutputRead() throws Exception {
        sim.reply("batched");
        OpenAiJobsClient client = client(null);
        String line = "{\"custom_id\": \"c1\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", "
                + "\"body\": {\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}}\n";
        RemoteFile input = client.uploadFile("in.jsonl", "batch", line.getBytes(StandardCharsets.UTF_8));
        BatchJob batch = client.createBatch(input.id(), "/v1/chat/completions", mapper.createObjectNode().put("run", "r"));
        BatchJob done = await(() -> client.batch(batch.id()), BatchJob::isFinal);
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.completed()).isEqualTo(1);
        String output = new String(client.fileContent(done.outputFileId()), StandardCharsets.UTF_8);
        assertThat(mapper.readTree(output).path("response").path("body").path("choices").get(0)
                .path("message").path("content").asText()).isEqualTo("batched");
    }

    @Test
    void aRefusedKeyFailsAtOnceWithoutEchoingIt() {
        sim.requireApiKey("sk-right-key");
        assertThatThrownBy(() -> client("sk-wrong-key-123").fineTuningJob("ftjob-x"))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).doesNotContain("sk-wrong-key-123");
                });
        assertThat(sim.requestCount()).isEqualTo(1);
    }

    @Test
    void anUnknownJobIsNotFoundAndNotRetried() {
        assertThatThrownBy(() -> client(null).fineTuningJob("ftjob-nope"))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND));
        assertThat(sim.requestCount()).isEqualTo(1);
    }

    @Test
    void aServerThatWasNeverReachedFailsAtOnceSayingWhatToCheck() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OpenAiJobsClient client = new OpenAiJobsClient("http://127.0.0.1:" + port + "/v1", null, Duration.ofSeconds(5));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.batch("batch_x"))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("is the server running? curl http://127.0.0.1:" + port + "/v1/models");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
