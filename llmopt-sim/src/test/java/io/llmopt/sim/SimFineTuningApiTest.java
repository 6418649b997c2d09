package io.llmopt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The simulated fine-tuning API over real HTTP, in the shapes OpenAI documents. */
class SimFineTuningApiTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    private final SimJobsClient client = new SimJobsClient(sim);

    private static String examples(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("{\"messages\": [{\"role\": \"user\", \"content\": \"prompt ").append(i)
                    .append("\"}, {\"role\": \"assistant\", \"content\": \"better prompt ").append(i).append("\"}]}\n");
        }
        return b.toString();
    }

    private JsonNode createJob(String fileId, String extra) {
        return client.postJson("/v1/fine_tuning/jobs", "{\"model\": \"base-model\", \"training_file\": \"" + fileId
                + "\", \"suffix\": \"bpo\"" + extra + "}");
    }

    @Test
    void aJobRunsToANewModelThatTheServerThenAnswersFor() throws Exception {
        sim.serveModels("base-model").reply("rewritten");
        String fileId = client.upload("train.jsonl", "fine-tune", examples(12)).path("id").asText();
        JsonNode created = createJob(fileId, ", \"hyperparameters\": {\"n_epochs\": 5}");
        assertThat(created.path("object").asText()).isEqualTo("fine_tuning.job");
        assertThat(created.path("hyperparameters").path("n_epochs").asInt()).isEqualTo(5);
        String id = created.path("id").asText();

        JsonNode done = client.await("/v1/fine_tuning/jobs/" + id, j -> j.path("status").asText().equals("succeeded"));
        String model = done.path("fine_tuned_model").asText();
        assertThat(model).startsWith("ft:base-model:llmopt-sim:bpo:");
        // 12 examples of 2 + 3 tokens, 5 epochs
        assertThat(done.path("trained_tokens").asLong()).isEqualTo(12L * 5 * 5);
        assertThat(done.path("result_files")).hasSize(1);
        assertThat(done.path("finished_at").isNumber()).isTrue();

        JsonNode events = client.get("/v1/fine_tuning/jobs/" + id + "/events?limit=100");
        assertThat(events.path("data").get(0).path("message").asText()).isEqualTo("The job has successfully completed");
        assertThat(events.path("data").toString()).contains("Step ").contains("training loss=");

        String chat = "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        assertThat(SimClient.post(sim, chat).statusCode()).isEqualTo(200);
    }

    @Test
    void eventsArePagedNewestFirst() throws Exception {
        String fileId = client.upload("train.jsonl", "fine-tune", examples(10)).path("id").asText();
        String id = createJob(fileId, "").path("id").asText();
        client.await("/v1/fine_tuning/jobs/" + id, j -> j.path("status").asText().equals("succeeded"));
        JsonNode page1 = client.get("/v1/fine_tuning/jobs/" + id + "/events?limit=2");
        assertThat(page1.path("data")).hasSize(2);
        assertThat(page1.path("has_more").asBoolean()).isTrue();
        String last = page1.path("data").get(1).path("id").asText();
        JsonNode page2 = client.get("/v1/fine_tuning/jobs/" + id + "/events?limit=2&after=" + last);
        assertThat(page2.path("data").get(0).path("id").asText()).isNotEqualTo(last);
        assertThat(page2.path("data").get(0).path("created_at").asLong())
                .isLessThanOrEqualTo(page1.path("data").get(1).path("created_at").asLong());
    }

    @Test
    void anInvalidTrainingFileFailsTheJobNamingTheLine() throws Exception {
        String bad = examples(10) + "{\"messages\": [{\"role\": \"user\", \"content\": \"no answer\"}]}\n";
        String id = createJob(client.upload("train.jsonl", "fine-tune", bad).path("id").asText(), "").path("id").asText();
        JsonNode done = client.await("/v1/fine_tuning/jobs/" + id, j -> j.path("status").asText().equals("failed"));
        assertThat(done.path("error").path("code").asText()).isEqualTo("invalid_training_file");
        assertThat(done.path("error").path("message").asText()).isEqualTo("line 11: no assistant message to learn from");
        assertThat(done.path("fine_tuned_model").isNull()).isTrue();
    }

    @Test
    void tooFewExamplesAreRefused() throws Exception {
        String id = createJob(client.upload("train.jsonl", "fine-tune", examples(3)).path("id").asText(), "")
                .path("id").asText();
        JsonNode done = client.await("/v1/fine_tuning/jobs/" + id, j -> j.path("status").asText().equals("failed"));
        assertThat(done.path("error").path("message").asText()).contains("3 examples; at least 10");
    }

    @Test
    void aJobThatFailsWhileRunningSaysWhy() throws Exception {
        sim.failNextFineTune("out of GPU memory");
        String id = createJob(client.upload("train.jsonl", "fine-tune", examples(10)).path("id").asText(), "")
                .path("id").asText();
        JsonNode done = client.await("/v1/fine_tuning/jobs/" + id, j -> j.path("status").asText().equals("failed"));
        assertThat(done.path("error").path("message").asText()).isEqualTo("out of GPU memory");
    }

    @Test
    void aCancelledJobStaysCancelledAndMakesNoModel() throws Exception {
        sim.fineTuneDuration(Duration.ofSeconds(5));
        String id = createJob(client.upload("train.jsonl", "fine-tune", examples(10)).path("id").asText(), "")
                .path("id").asText();
        client.await("/v1/fine_tuning/jobs/" + id, j -> j.path("status").asText().equals("running"));
        assertThat(client.postJson("/v1/fine_tuning/jobs/" + id + "/cancel", "{}").path("status").asText())
                .isEqualTo("cancelled");
        Thread.sleep(1200); // past the next step: the job must not come back to life
        JsonNode after = client.get("/v1/fine_tuning/jobs/" + id);
        assertThat(after.path("status").asText()).isEqualTo("cancelled");
        assertThat(after.path("fine_tuned_model").isNull()).isTrue();
    }

    @Test
    void creatingAJobChecksItsFile() {
        String batchFile = client.upload("in.jsonl", "batch", "{}").path("id").asText();
        assertThat(createJob(batchFile, "").path("error").path("message").asText()).contains("not fine-tune");
        assertThat(createJob("file-nope", "").path("error").path("message").asText()).contains("file-nope");
        assertThat(client.get("/v1/fine_tuning/jobs/ftjob-nope").path("error").path("message").asText())
                .contains("ftjob-nope");
    }

    @Test
    void jobsAreListedNewestFirst() {
        String fileId = client.upload("train.jsonl", "fine-tune", examples(10)).path("id").asText();
        createJob(fileId, "");
        String second = createJob(fileId, "").path("id").asText();
        assertThat(client.get("/v1/fine_tuning/jobs?limit=1").path("data").get(0).path("id").asText()).isEqualTo(second);
    }
}
