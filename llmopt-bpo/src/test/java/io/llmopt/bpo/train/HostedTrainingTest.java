package io.llmopt.bpo.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.http.OpenAiJobsClient;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosted training against the simulated fine-tuning API: to the end, through a stop, through a kill. */
class HostedTrainingTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    private static byte[] data(int examples, String variant) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < examples; i++) {
            b.append("{\"messages\": [{\"role\": \"user\", \"content\": \"prompt ").append(i).append(variant)
                    .append("\"}, {\"role\": \"assistant\", \"content\": \"better prompt ").append(i).append("\"}]}\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private HostedTraining training() {
        OpenAiJobsClient client = new OpenAiJobsClient(sim.baseUrl(), null, Duration.ofSeconds(10));
        return new HostedTraining(client, HostedTrainingOptions.paper("base-model").withPollInterval(Duration.ofMillis(20)));
    }

    private long jobsAtServer() {
        return sim.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/fine_tuning/jobs")).count();
    }

    private long uploads() {
        return sim.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/files")).count();
    }

    @Test
    void aJobIsFollowedToItsModelAndItsEventsReachTheRun() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun("bpo-train", "t", JsonNodeFactory.instance.objectNode()).id();
            TrainingOutcome outcome = training().run(RunContext.of(store, runId).withListener(listener), "train.jsonl",
                    data(12, ""));
            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.fineTunedModel()).startsWith("ft:base-model:llmopt-sim:bpo:");
            assertThat(outcome.trainedTokens()).isEqualTo(12L * 5 * 5); // 5 tokens an example, the paper's 5 epochs
            assertThat(listener.events()).extracting(RunEvent::message)
                    .contains("The job has successfully completed")
                    .anySatisfy(m -> assertThat(m).startsWith("created fine-tuning job ftjob-"));
            assertThat(store.workItem(runId, HostedTraining.KIND, HostedTraining.JOB).orElseThrow().status())
                    .isEqualTo(WorkItem.DONE);
            String body = sim.requests().stream().filter(r -> r.path().equals("/v1/fine_tuning/jobs")).findFirst()
                    .orElseThrow().body();
            assertThat(body).contains("\"n_epochs\":5").contains("\"suffix\":\"bpo\"").contains("\"seed\":42");
        }
    }

    @Test
    void aStopLeavesTheJobRunningAndTheResumeFollowsTheSameJob() throws Exception {
        sim.fineTuneDuration(Duration.ofMillis(1500));
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun("bpo-train", "t", JsonNodeFactory.instance.objectNode()).id();
            AtomicBoolean stop = new AtomicBoolean();
            RunListener stopWhenRunning = new RunListener() {
                @Override
                public void onEvent(RunEvent event) {
                    if (event.message().endsWith(": running")) {
                        stop.set(true);
                    }
                }
            };
            TrainingOutcome first = training().run(RunContext.of(store, runId).withListener(stopWhenRunning).withStop(stop::get),
                    "train.jsonl", data(10, ""));
            assertThat(first.stopped()).isTrue();

            TrainingOutcome second = training().run(RunContext.of(store, runId).withListener(listener),
                    "train.jsonl", data(10, ""));
            assertThat(second.succeeded()).isTrue();
            assertThat(second.jobId()).isEqualTo(first.jobId());
            assertThat(jobsAtServer()).isEqualTo(1);
            assertThat(uploads()).isEqualTo(1);
            // events seen by the first attempt are not told again
            assertThat(listener.events()).noneSatisfy(e -> assertThat(e.message()).startsWith("Validating training file"));
        }
    }

    @Test
    void aJobCreatedJustBeforeAKillIsFoundAgainInsteadOfStartingASecond() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun("bpo-train", "t", JsonNodeFactory.instance.objectNode()).id();
            // the first attempt uploaded, said it would create a job, created it and died before recording its id
            OpenAiJobsClient client = new OpenAiJobsClient(sim.baseUrl(), null, Duration.ofSeconds(10));
            String fileId = client.uploadFile("train.jsonl", "fine-tune", data(10, "")).id();
            String sha = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(data(10, "")));
            store.transactionAndWait(tx -> tx.workItem(WorkItem.done(runId, HostedTraining.KIND, HostedTraining.UPLOAD,
                    "{\"file_id\": \"" + fileId + "\", \"sha256\": \"" + sha + "\"}")));
            store.transactionAndWait(tx -> tx.workItem(new WorkItem(runId, HostedTraining.KIND, HostedTraining.JOB,
                    "{\"file_id\": \"" + fileId + "\"}", WorkItem.PENDING, null)));
            String orphan = client.createFineTuningJob(JsonNodeFactory.instance.objectNode().put("model", "base-model")
                    .put("training_file", fileId)).id();

            TrainingOutcome outcome = training().run(RunContext.of(store, runId).withListener(listener), "train.jsonl",
                    data(10, ""));
            assertThat(outcome.jobId()).isEqualTo(orphan);
            assertThat(jobsAtServer()).isEqualTo(1);
            assertThat(uploads()).isEqualTo(1);
        }
    }

    @Test
    void changedDataIsUploadedAgainAndTrainedAsANewJob() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun("bpo-train", "t", JsonNodeFactory.instance.objectNode()).id();
            TrainingOutcome first = training().run(RunContext.of(store, runId).withListener(listener), "t.jsonl", data(10, ""));
            TrainingOutcome second = training().run(RunContext.of(store, runId).withListener(listener), "t.jsonl", data(10, "!"));
            assertThat(second.trainingFileId()).isNotEqualTo(first.trainingFileId());
            assertThat(second.jobId()).isNotEqualTo(first.jobId());
            assertThat(uploads()).isEqualTo(2);
        }
    }

    @Test
    void aJobThatFailsEndsWithTheProvidersReason() throws Exception {
        sim.failNextFineTune("out of GPU memory");
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun("bpo-train", "t", JsonNodeFactory.instance.objectNode()).id();
            TrainingOutcome outcome = training().run(RunContext.of(store, runId).withListener(listener), "t.jsonl", data(10, ""));
            assertThat(outcome.status()).isEqualTo("failed");
            assertThat(outcome.error()).isEqualTo("out of GPU memory");
            assertThat(outcome.fineTunedModel()).isNull();
            assertThat(store.workItem(runId, HostedTraining.KIND, HostedTraining.JOB).orElseThrow().status())
                    .isEqualTo(WorkItem.FAILED);
        }
    }

    @Test
    void aRunCancelsItsOwnJob() throws Exception {
        sim.fineTuneDuration(Duration.ofSeconds(5));
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun("bpo-train", "t", JsonNodeFactory.instance.objectNode()).id();
            AtomicBoolean stop = new AtomicBoolean();
            RunListener stopWhenRunning = new RunListener() {
                @Override
                public void onEvent(RunEvent event) {
                    if (event.message().endsWith(": running")) {
                        stop.set(true);
                    }
                }
            };
            HostedTraining training = training();
            training.run(RunContext.of(store, runId).withListener(stopWhenRunning).withStop(stop::get), "t.jsonl", data(10, ""));
            assertThat(training.cancel(RunContext.of(store, runId).withListener(listener)).orElseThrow().status())
                    .isEqualTo("cancelled");
        }
    }
}
