package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The fine-tuning API as OpenAI defines it: a job over an uploaded training file that validates
 * the file, queues, runs (with step events and a falling loss), and ends succeeded with a new model
 * the server then answers for, failed, or cancelled. No weights change: the new model answers with
 * the same script as every other.
 */
final class SimFineTuning {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");
    private static final int STEPS_REPORTED = 5;

    /** One job; its fields change under its own lock. */
    static final class Job {
        final String id;
        final String model;
        final String trainingFile;
        final String validationFile;
        final String suffix;
        final long seed;
        final long createdAt = SimBatches.now();
        final ObjectNode hyperparameters;
        String status = "validating_files";
        String fineTunedModel;
        Long finishedAt;
        Long trainedTokens;
        ObjectNode error;
        final List<String> resultFiles = new ArrayList<>();
        final List<ObjectNode> events = new ArrayList<>();
        volatile boolean cancelRequested;

        Job(String id, String model, String trainingFile, String validationFile, String suffix, long seed,
            ObjectNode hyperparameters) {
            this.id = id;
            this.model = model;
            this.trainingFile = trainingFile;
            this.validationFile = validationFile;
            this.suffix = suffix;
            this.seed = seed;
            this.hyperparameters = hyperparameters;
        }

        synchronized ObjectNode json() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("id", id);
            o.put("object", "fine_tuning.job");
            o.put("model", model);
            o.put("created_at", createdAt);
            o.put("finished_at", finishedAt);
            o.put("fine_tuned_model", fineTunedModel);
            o.put("organization_id", "org-sim");
            o.putArray("result_files").addAll(resultFiles.stream().map(MAPPER.getNodeFactory()::textNode).toList());
            o.put("status", status);
            o.put("training_file", trainingFile);
            o.put("validation_file", validationFile);
            o.set("hyperparameters", hyperparameters);
            o.put("trained_tokens", trainedTokens);
            o.set("error", error == null ? MAPPER.nullNode() : error);
            o.put("seed", seed);
            o.put("suffix", suffix);
            return o;
        }

        synchronized void event(String level, String message) {
            ObjectNode e = MAPPER.createObjectNode();
            e.put("object", "fine_tuning.job.event");
            e.put("id", "ftevent-" + id.substring(6) + "-" + events.size());
            e.put("created_at", SimBatches.now());
            e.put("level", level);
            e.put("message", message);
            e.put("type", "message");
            events.add(e);
        }

        synchronized boolean isFinal() {
            return Set.of("succeeded", "failed", "cancelled").contains(status);
        }

        /** Newest first, as the API lists them; {@code after} is an event id, or null. */
        synchronized List<ObjectNode> events(String after, int limit) {
            List<ObjectNode> newestFirst = new ArrayList<>(events);
            java.util.Collections.reverse(newestFirst);
            int from = 0;
            if (after != null) {
                for (int i = 0; i < newestFirst.size(); i++) {
                    if (after.equals(newestFirst.get(i).path("id").asText())) {
                        from = i + 1;
                    }
                }
            }
            return newestFirst.subList(Math.min(from, newestFirst.size()), Math.min(from + limit, newestFirst.size()));
        }
    }

    private final SimJobSettings settings;
    private final SimFiles files;
    private final Executor executor;
    private final CountDownLatch closed;
    private final Consumer<String> newModel;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    SimFineTuning(SimJobSettings settings, SimFiles files, Executor executor, CountDownLatch closed,
                  Consumer<String> newModel) {
        this.settings = settings;
        this.files = files;
        this.executor = executor;
        this.closed = closed;
        this.newModel = newModel;
    }

    Job create(JsonNode body) {
        String model = SimBatches.text(body, "model");
        String trainingFile = SimBatches.text(body, "training_file");
        if (model == null || trainingFile == null) {
            throw new IllegalArgumentException("model and training_file are required");
        }
        SimFile training = files.get(trainingFile)
                .orElseThrow(() -> new IllegalArgumentException("no file with id " + trainingFile));
        if (!"fine-tune".equals(training.purpose())) {
            throw new IllegalArgumentException("file " + trainingFile + " has purpose " + training.purpose()
                    + ", not fine-tune");
        }
        String validationFile = SimBatches.text(body, "validation_file");
        if (validationFile != null && files.get(validationFile).isEmpty()) {
            throw new IllegalArgumentException("no file with id " + validationFile);
        }
        ObjectNode hp = MAPPER.createObjectNode();
        JsonNode given = body.path("hyperparameters");
        hp.set("n_epochs", given.has("n_epochs") ? given.get("n_epochs") : MAPPER.getNodeFactory().textNode("auto"));
        hp.set("batch_size", given.has("batch_size") ? given.get("batch_size") : MAPPER.getNodeFactory().textNode("auto"));
        hp.set("learning_rate_multiplier", given.has("learning_rate_multiplier") ? given.get("learning_rate_multiplier")
                : MAPPER.getNodeFactory().textNode("auto"));
        Job job = new Job("ftjob-sim" + next.incrementAndGet(), model, trainingFile, validationFile,
                SimBatches.text(body, "suffix"), body.path("seed").asLong(42), hp);
        jobs.put(job.id, job);
        job.event("info", "Validating training file: " + trainingFile);
        String failure = settings.nextFineTuneFailure;
        settings.nextFineTuneFailure = null;
        executor.execute(() -> run(job, training, failure));
        return job;
    }

    Optional<Job> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    List<Job> list() {
        List<Job> all = new ArrayList<>(jobs.values());
        all.sort((a, b) -> Long.compare(Long.parseLong(b.id.substring(9)), Long.parseLong(a.id.substring(9))));
        return all;
    }

    Job cancel(Job job) {
        synchronized (job) {
            if (!job.isFinal()) {
                job.cancelRequested = true;
                job.status = "cancelled";
                job.finishedAt = SimBatches.now();
                job.event("info", "Fine-tuning job cancelled");
            }
        }
        return job;
    }

    private void run(Job job, SimFile training, String failure) {
        long examples;
        long tokens;
        try {
            long[] counted = validate(training);
            examples = counted[0];
            tokens = counted[1];
        } catch (IllegalArgumentException e) {
            fail(job, "invalid_training_file", e.getMessage(), "training_file");
            return;
        }
        synchronized (job) {
            if (job.cancelRequested) {
                return;
            }
            job.status = "queued";
            job.event("info", "Files validated, moving job to queued state");
        }
        int epochs = job.hyperparameters.path("n_epochs").canConvertToInt()
                ? job.hyperparameters.path("n_epochs").asInt() : 3;
        synchronized (job) {
            if (job.cancelRequested) {
                return;
            }
            job.status = "running";
            job.event("info", "Fine-tuning job started");
        }
        long stepNanos = settings.fineTuneDuration.toNanos() / STEPS_REPORTED;
        long totalSteps = Math.max(STEPS_REPORTED, examples * epochs);
        for (int s = 1; s <= STEPS_REPORTED; s++) {
            if (stepNanos > 0 && await(stepNanos)) {
                return;
            }
            if (job.cancelRequested) {
                return;
            }
            if (failure != null && s == 2) {
                fail(job, "simulated_failure", failure, null);
                return;
            }
            long step = totalSteps * s / STEPS_REPORTED;
            job.event("info", String.format(java.util.Locale.ROOT, "Step %d/%d: training loss=%.4f", step, totalSteps,
                    2.0 / (1 + s)));
        }
        synchronized (job) {
            if (job.cancelRequested) {
                return;
            }
            String name = "ft:" + job.model + ":llmopt-sim:" + (job.suffix == null ? "" : job.suffix) + ":" + job.id.substring(6);
            String results = "step,train_loss\n" + STEPS_REPORTED + "," + String.format(java.util.Locale.ROOT, "%.4f",
                    2.0 / (1 + STEPS_REPORTED)) + "\n";
            job.resultFiles.add(files.add("step_metrics.csv", "fine-tune-results",
                    results.getBytes(StandardCharsets.UTF_8)).id());
            job.trainedTokens = tokens * epochs;
            job.fineTunedModel = name;
            job.status = "succeeded";
            job.finishedAt = SimBatches.now();
            job.event("info", "New fine-tuned model created: " + name);
            job.event("info", "The job has successfully completed");
            newModel.accept(name);
        }
    }

    /** Checks the training file as the API does; returns {examples, tokens}. */
    private long[] validate(SimFile training) {
        String[] lines = training.text().split("\n");
        long examples = 0;
        long tokens = 0;
        for (int n = 0; n < lines.length; n++) {
            String text = lines[n].strip();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (IOException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ": not valid JSON");
            }
            JsonNode messages = node.get("messages");
            if (messages != null) {
                if (!messages.isArray() || messages.isEmpty()) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": messages must be a non-empty list");
                }
                boolean assistant = false;
                for (JsonNode m : messages) {
                    String role = SimBatches.text(m, "role");
                    if (role == null || !ROLES.contains(role)) {
                        throw new IllegalArgumentException("line " + (n + 1) + ": each message needs a role of "
                                + ROLES);
                    }
                    if (!m.path("content").isTextual()) {
                        throw new IllegalArgumentException("line " + (n + 1) + ": each message needs a text content");
                    }
                    assistant |= role.equals("assistant");
                    tokens += SimTokens.count(m.path("content").asText());
                }
                if (!assistant) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": no assistant message to learn from");
                }
            } else if (node.path("prompt").isTextual() && node.path("completion").isTextual()) {
                tokens += SimTokens.count(node.get("prompt").asText()) + SimTokens.count(node.get("completion").asText());
            } else {
                throw new IllegalArgumentException("line " + (n + 1)
                        + ": expected a \"messages\" list or \"prompt\" and \"completion\" texts");
            }
            examples++;
        }
        if (examples < settings.minTrainingExamples) {
            throw new IllegalArgumentException("the training file has " + examples + " examples; at least "
                    + settings.minTrainingExamples + " are required");
        }
        return new long[] {examples, tokens};
    }

    private void fail(Job job, String code, String message, String param) {
        synchronized (job) {
            ObjectNode e = MAPPER.createObjectNode();
            e.put("code", code);
            e.put("message", message);
            e.put("param", param);
            job.error = e;
            job.status = "failed";
            job.finishedAt = SimBatches.now();
            job.event("error", message);
        }
    }

    private boolean await(long nanos) {
        return SimBatches.awaitClose(closed, nanos);
    }
}
