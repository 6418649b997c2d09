package io.llmopt.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.http.BatchJob;
import io.llmopt.core.http.OpenAiJobsClient;
import io.llmopt.core.http.RemoteFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs a submission (many requests to one endpoint) as provider batch jobs and returns each
 * request's result.
 *
 * <p>The requests are split by the provider's file limits into parts, one input file and one job
 * each. Every step that costs money is journaled first: the uploaded file's id, the intent to create
 * the job (with the part's key in the job's metadata, so a job created just before a kill is found
 * again), the job's id. A resumed submission follows its live jobs and never submits a request of
 * theirs again. A job that expires or is cancelled keeps what it finished; the rest goes into a new
 * part. A stop leaves live jobs running (they are paid for) and returns what is done so far.
 */
public final class BatchSubmitter {

    /** What a submission came to: the results so far, and whether jobs were left running by a stop. */
    public record Outcome(Map<String, BatchResult> results, boolean stopped) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA_KEY = "llmopt_part";
    private static final int MAX_RESUBMISSIONS = 3;

    private final OpenAiJobsClient client;
    private final BatchJournal journal;
    private final BatchLimits limits;
    private final Duration pollInterval;
    private final BatchListener listener;
    /** When each job followed now was created or found again (System.nanoTime), for its duration. */
    private final Map<String, Long> startedAt = new java.util.concurrent.ConcurrentHashMap<>();

    public BatchSubmitter(OpenAiJobsClient client, BatchJournal journal, BatchLimits limits, Duration pollInterval,
                          BatchListener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.listener = listener == null ? BatchListener.NONE : listener;
    }

    /**
     * @param submissionId stable across attempts of the same work (e.g. the run's phase), so a resume finds its jobs
     * @param endpoint     "/v1/chat/completions" or "/v1/completions"
     */
    public Outcome run(String submissionId, String endpoint, List<BatchLine> lines, BooleanSupplier stop) {
        Map<String, BatchLine> byId = new LinkedHashMap<>();
        for (BatchLine line : lines) {
            if (byId.put(line.customId(), line) != null) {
                throw new IllegalArgumentException("custom_id " + line.customId() + " appears twice in " + submissionId);
            }
        }
        Map<String, BatchResult> results = new LinkedHashMap<>();
        List<BatchJournal.Part> parts = plan(submissionId, byId);
        for (int attempt = 0; !parts.isEmpty(); attempt++) {
            // every part is submitted before any is waited for, so the provider runs them side by side
            List<String> batchIds = new ArrayList<>();
            for (BatchJournal.Part part : parts) {
                batchIds.add(start(part, endpoint, byId));
            }
            List<BatchJournal.Part> next = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                BatchJournal.Part part = parts.get(i);
                Optional<BatchJob> ended = follow(batchIds.get(i), stop);
                if (ended.isEmpty()) {
                    return new Outcome(results, true);
                }
                BatchJob job = ended.get();
                List<String> unfinished = collect(job, part, results);
                long prompt = 0;
                long completion = 0;
                int succeeded = 0;
                for (String id : part.customIds()) {
                    BatchResult r = results.get(id);
                    if (r != null && r.succeeded()) {
                        succeeded++;
                        prompt += r.body().path("usage").path("prompt_tokens").asLong();
                        completion += r.body().path("usage").path("completion_tokens").asLong();
                    }
                }
                Long since = startedAt.remove(job.id());
                listener.ended(new BatchJobEnd(part.key(), job.id(), job.status(), part.customIds().size(), succeeded,
                        unfinished.size(), prompt, completion,
                        Duration.ofNanos(since == null ? 0 : System.nanoTime() - since)));
                if (!unfinished.isEmpty() && attempt < MAX_RESUBMISSIONS) {
                    next.add(resubmission(part, unfinished));
                }
            }
            parts = next;
        }
        return new Outcome(results, false);
    }

    /**
     * The parts to run: the submission's live parts that hold requests asked for now (followed, not
     * submitted again), then new parts for every other request, split by the limits. Parts that
     * ended are not read again: their results were delivered when they ended.
     */
    private List<BatchJournal.Part> plan(String submissionId, Map<String, BatchLine> byId) {
        List<BatchJournal.Part> recorded = journal.parts(submissionId);
        Set<String> covered = new HashSet<>();
        List<BatchJournal.Part> parts = new ArrayList<>();
        for (BatchJournal.Part p : recorded) {
            if (!isFinal(p.status()) && p.customIds().stream().anyMatch(byId::containsKey)) {
                parts.add(p);
                covered.addAll(p.customIds());
            }
        }
        int index = recorded.size();
        List<String> current = new ArrayList<>();
        long bytes = 0;
        for (String id : byId.keySet()) {
            if (covered.contains(id)) {
                continue;
            }
            long size = lineBytes(byId.get(id)).length + 1L;
            if (!current.isEmpty() && (current.size() >= limits.maxRequests() || bytes + size > limits.maxBytes())) {
                parts.add(new BatchJournal.Part(submissionId + "#" + index++, List.copyOf(current), null, null, "planned"));
                current.clear();
                bytes = 0;
            }
            current.add(id);
            bytes += size;
        }
        if (!current.isEmpty()) {
            parts.add(new BatchJournal.Part(submissionId + "#" + index, List.copyOf(current), null, null, "planned"));
        }
        return parts;
    }

    /** The part's job id: uploading and creating it unless the journal says that was done. */
    private String start(BatchJournal.Part part, String endpoint, Map<String, BatchLine> byId) {
        BatchJournal.Part p = journal.part(part.key()).orElse(part);
        if (p.batchId() != null) {
            startedAt.putIfAbsent(p.batchId(), System.nanoTime());
            listener.submitted(p.key(), p.batchId(), p.customIds().size(), true);
            return p.batchId();
        }
        if (p.fileId() == null) {
            RemoteFile file = client.uploadFile(p.key().replace('#', '-') + ".jsonl", "batch", inputFile(p, endpoint, byId));
            p = p.withFile(file.id());
            journal.record(p);
        } else if ("creating".equals(p.status())) {
            Optional<String> found = findCreated(p.key());
            if (found.isPresent()) {
                journal.record(p.withBatch(found.get(), "running"));
                startedAt.putIfAbsent(found.get(), System.nanoTime());
                listener.submitted(p.key(), found.get(), p.customIds().size(), true);
                return found.get();
            }
        }
        journal.record(p.creating());
        ObjectNode metadata = JSON.createObjectNode().put(METADATA_KEY, p.key());
        BatchJob job = client.createBatch(p.fileId(), endpoint, metadata);
        journal.record(p.withBatch(job.id(), "running"));
        startedAt.put(job.id(), System.nanoTime());
        listener.submitted(p.key(), job.id(), p.customIds().size(), false);
        return job.id();
    }

    private Optional<String> findCreated(String key) {
        for (JsonNode b : client.batches(100)) {
            if (key.equals(b.path("metadata").path(METADATA_KEY).asText(null))) {
                return Optional.of(b.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** Polls until the job ends; empty when the run was asked to stop first (the job goes on). */
    private Optional<BatchJob> follow(String batchId, BooleanSupplier stop) {
        while (true) {
            BatchJob job = client.batch(batchId);
            listener.progress(batchId, batchId, job.status(), job.completed(), job.failed(), job.total());
            if (job.isFinal()) {
                return Optional.of(job);
            }
            long end = System.nanoTime() + pollInterval.toNanos();
            while (System.nanoTime() < end) {
                if (stop.getAsBoolean()) {
                    return Optional.empty();
                }
                try {
                    Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** Reads an ended job's files into {@code results}; returns the part's requests that got no result. */
    private List<String> collect(BatchJob job, BatchJournal.Part part, Map<String, BatchResult> results) {
        journal.record(journal.part(part.key()).orElse(part).withBatch(job.id(), job.status()));
        if ("failed".equals(job.status())) {
            Long since = startedAt.remove(job.id());
            listener.ended(new BatchJobEnd(part.key(), job.id(), job.status(), part.customIds().size(), 0,
                    part.customIds().size(), 0, 0, Duration.ofNanos(since == null ? 0 : System.nanoTime() - since)));
            throw new BatchFailedException("batch " + job.id() + " failed" + (job.error() == null ? "" : ": " + job.error()));
        }
        Set<String> mine = new HashSet<>(part.customIds());
        for (String fileId : new String[] {job.outputFileId(), job.errorFileId()}) {
            if (fileId == null) {
                continue;
            }
            for (String line : new String(client.fileContent(fileId), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                BatchResult r = parse(line);
                if (mine.contains(r.customId()) && r.statusCode() != 0) {
                    results.put(r.customId(), r);
                }
            }
        }
        return part.customIds().stream().filter(id -> !results.containsKey(id)).toList();
    }

    private BatchJournal.Part resubmission(BatchJournal.Part part, List<String> unfinished) {
        int dot = part.key().lastIndexOf(".r");
        String base = dot < 0 ? part.key() : part.key().substring(0, dot);
        int round = dot < 0 ? 1 : Integer.parseInt(part.key().substring(dot + 2)) + 1;
        BatchJournal.Part again = new BatchJournal.Part(base + ".r" + round, List.copyOf(unfinished), null, null, "planned");
        return journal.part(again.key()).orElse(again);
    }

    private static BatchResult parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode response = node.path("response");
            JsonNode error = node.path("error");
            if (response.isObject()) {
                return new BatchResult(node.path("custom_id").asText(), response.path("status_code").asInt(),
                        response.path("body"), null, null);
            }
            return new BatchResult(node.path("custom_id").asText(), 0, null, error.path("code").asText(null),
                    error.path("message").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException("a batch result line is not valid JSON", e);
        }
    }

    private static byte[] inputFile(BatchJournal.Part part, String endpoint, Map<String, BatchLine> byId) {
        StringBuilder b = new StringBuilder();
        for (String id : part.customIds()) {
            ObjectNode line = JSON.createObjectNode();
            line.put("custom_id", id).put("method", "POST").put("url", endpoint);
            line.set("body", byId.get(id).body());
            b.append(line).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lineBytes(BatchLine line) {
        return line.body().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isFinal(String status) {
        return Set.of("completed", "failed", "expired", "cancelled").contains(status);
    }

    /** A batch job the provider failed as a whole. */
    public static final class BatchFailedException extends RuntimeException {
        BatchFailedException(String message) {
            super(message);
        }
    }
}
