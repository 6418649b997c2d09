package io.llmopt.bpo.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.http.FineTuningEvent;
import io.llmopt.core.http.FineTuningJob;
import io.llmopt.core.http.OpenAiJobsClient;
import io.llmopt.core.http.RemoteFile;
import io.llmopt.core.store.WorkItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Trains a rewriter with a hosted fine-tuning API and follows the job to its end, resumably.
 *
 * <p>Each step is written to the run store before the next: the uploaded file's id (with the
 * data's hash, so changed data is uploaded again), then the intent to create a job, then the job's
 * id. A run killed at any point resumes with the same file and the same job and never starts a
 * second one: a job created just before a kill, whose id was not yet recorded, is found again
 * among the provider's jobs by its training file. A stop leaves the job running at the provider
 * (it is paid for) and ends this attempt; resuming follows it again.
 */
public final class HostedTraining {

    static final String KIND = "fine-tune";
    static final String UPLOAD = "upload";
    static final String JOB = "job";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OpenAiJobsClient client;
    private final HostedTrainingOptions options;

    public HostedTraining(OpenAiJobsClient client, HostedTrainingOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Uploads {@code trainingFile} (once), creates the job (once) and follows it until it ends or the run stops. */
    public TrainingOutcome run(RunContext context, String filename, byte[] trainingFile) {
        String fileId = upload(context, filename, trainingFile);
        String jobId = job(context, fileId);
        return follow(context, fileId, jobId);
    }

    /** Cancels the run's job at the provider, if it has one that is still going. */
    public Optional<FineTuningJob> cancel(RunContext context) {
        return payload(context, JOB).map(p -> p.path("job_id").asText(null)).filter(Objects::nonNull)
                .map(client::cancelFineTuningJob);
    }

    private String upload(RunContext context, String filename, byte[] content) {
        String hash = sha256(content);
        Optional<JsonNode> earlier = payload(context, UPLOAD);
        if (earlier.isPresent() && hash.equals(earlier.get().path("sha256").asText())) {
            return earlier.get().path("file_id").asText();
        }
        RemoteFile file = client.uploadFile(filename, "fine-tune", content);
        ObjectNode p = MAPPER.createObjectNode().put("file_id", file.id()).put("sha256", hash).put("bytes", file.bytes());
        record(context, UPLOAD, p, WorkItem.DONE);
        event(context, "uploaded " + filename + " as " + file.id() + " (" + file.bytes() + " bytes)", Map.of("file_id", file.id()));
        return file.id();
    }

    private String job(RunContext context, String fileId) {
        Optional<JsonNode> earlier = payload(context, JOB).filter(p -> fileId.equals(p.path("file_id").asText()));
        if (earlier.isPresent() && earlier.get().hasNonNull("job_id")) {
            String id = earlier.get().get("job_id").asText();
            event(context, "following fine-tuning job " + id + " started by an earlier attempt", Map.of("job_id", id));
            return id;
        }
        if (earlier.isPresent()) {
            // the job may have been created just before a kill: look for it before creating another
            for (FineTuningJob job : client.fineTuningJobs(100)) {
                if (fileId.equals(job.trainingFile()) && options.baseModel().equals(job.model())) {
                    recordJob(context, fileId, job.id());
                    event(context, "found fine-tuning job " + job.id() + ", created before the last stop", Map.of("job_id", job.id()));
                    return job.id();
                }
            }
        }
        record(context, JOB, MAPPER.createObjectNode().put("file_id", fileId), WorkItem.PENDING);
        FineTuningJob job = client.createFineTuningJob(request(fileId));
        recordJob(context, fileId, job.id());
        event(context, "created fine-tuning job " + job.id() + " on " + options.baseModel(), Map.of("job_id", job.id()));
        return job.id();
    }

    private ObjectNode request(String fileId) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", options.baseModel());
        body.put("training_file", fileId);
        if (options.suffix() != null) {
            body.put("suffix", options.suffix());
        }
        body.put("seed", options.seed());
        ObjectNode hp = MAPPER.createObjectNode();
        if (options.epochs() != null) {
            hp.put("n_epochs", options.epochs());
        }
        if (options.learningRateMultiplier() != null) {
            hp.put("learning_rate_multiplier", options.learningRateMultiplier());
        }
        if (options.batchSize() != null) {
            hp.put("batch_size", options.batchSize());
        }
        if (!hp.isEmpty()) {
            body.set("hyperparameters", hp);
        }
        return body;
    }

    private TrainingOutcome follow(RunContext context, String fileId, String jobId) {
        String lastEvent = payload(context, JOB).map(p -> p.path("last_event").asText(null)).orElse(null);
        String lastStatus = null;
        while (true) {
            FineTuningJob job = client.fineTuningJob(jobId);
            lastEvent = reportEvents(context, jobId, lastEvent);
            if (!job.status().equals(lastStatus)) {
                lastStatus = job.status();
                event(context, "job " + jobId + ": " + job.status(), Map.of("job_id", jobId, "status", job.status()));
            }
            if (job.isFinal()) {
                TrainingOutcome outcome = new TrainingOutcome(job.status(), fileId, jobId, job.fineTunedModel(),
                        job.trainedTokens(), job.error());
                ObjectNode p = MAPPER.valueToTree(outcome);
                p.put("file_id", fileId).put("job_id", jobId);
                record(context, JOB, p, job.succeeded() ? WorkItem.DONE : WorkItem.FAILED);
                return outcome;
            }
            if (waitOrStop(context)) {
                return new TrainingOutcome("stopped", fileId, jobId, null, job.trainedTokens(), null);
            }
        }
    }

    /** Tells the listener of the job's events since {@code lastSeen}; returns the newest one's id. */
    private String reportEvents(RunContext context, String jobId, String lastSeen) {
        List<FineTuningEvent> events = client.fineTuningEvents(jobId, null, 100);
        int from = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).id().equals(lastSeen)) {
                from = i + 1;
            }
        }
        for (FineTuningEvent e : events.subList(from, events.size())) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("job_id", jobId);
            data.put("event_id", e.id());
            context.event("error".equals(e.level())
                    ? RunEvent.warn(context.runId(), "fine-tune-event", e.message(), data)
                    : RunEvent.info(context.runId(), "fine-tune-event", e.message(), data));
        }
        if (from < events.size()) {
            String newest = events.get(events.size() - 1).id();
            payload(context, JOB).ifPresent(p -> record(context, JOB, ((ObjectNode) p).put("last_event", newest), WorkItem.PENDING));
            return newest;
        }
        return lastSeen;
    }

    /** Waits one poll interval, watching the stop flag; true when the run was asked to stop. */
    private boolean waitOrStop(RunContext context) {
        long end = System.nanoTime() + options.pollInterval().toNanos();
        while (true) {
            if (context.stopRequested()) {
                return true;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
    }

    private void recordJob(RunContext context, String fileId, String jobId) {
        record(context, JOB, MAPPER.createObjectNode().put("file_id", fileId).put("job_id", jobId), WorkItem.PENDING);
    }

    private static Optional<JsonNode> payload(RunContext context, String key) {
        return context.store().workItem(context.runId(), KIND, key).map(WorkItem::payloadJson).map(json -> {
            try {
                return MAPPER.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void record(RunContext context, String key, JsonNode payload, String status) {
        // waited for: the next step (creating a paid job) must not happen before this is on disk
        context.store().transactionAndWait(tx -> tx.workItem(new WorkItem(context.runId(), KIND, key,
                payload.toString(), status, null)));
    }

    private static void event(RunContext context, String message, Map<String, Object> data) {
        context.event(RunEvent.info(context.runId(), "fine-tune", message, data));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
