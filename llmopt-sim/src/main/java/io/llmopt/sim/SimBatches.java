package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.sim.HttpRequestReader.RawRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The batch API as OpenAI defines it: a JSONL input file of requests, a job that validates it,
 * runs each request through the same router as a live call (same scripted replies, faults and
 * request log), and writes an output file of the replies that succeeded and an error file of the
 * rest. Expiry, cancellation and a whole-job failure behave as the real API documents them.
 */
final class SimBatches {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/completions");

    /** One batch job; its fields change under the job's own lock. */
    static final class Batch {
        final String id;
        final String endpoint;
        final String inputFileId;
        final String completionWindow;
        final JsonNode metadata;
        final long createdAt;
        final Map<String, String> headers;
        String status = "validating";
        final Map<String, Long> times = new LinkedHashMap<>();
        int total;
        int completed;
        int failed;
        String outputFileId;
        String errorFileId;
        final List<ObjectNode> errors = new ArrayList<>();
        volatile boolean cancelRequested;

        Batch(String id, String endpoint, String inputFileId, String completionWindow, JsonNode metadata,
              Map<String, String> headers) {
            this.id = id;
            this.endpoint = endpoint;
            this.inputFileId = inputFileId;
            this.completionWindow = completionWindow;
            this.metadata = metadata;
            this.headers = headers;
            this.createdAt = now();
        }

        synchronized ObjectNode json() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("id", id);
            o.put("object", "batch");
            o.put("endpoint", endpoint);
            if (errors.isEmpty()) {
                o.putNull("errors");
            } else {
                ObjectNode e = o.putObject("errors");
                e.put("object", "list");
                e.putArray("data").addAll(errors);
            }
            o.put("input_file_id", inputFileId);
            o.put("completion_window", completionWindow);
            o.put("status", status);
            o.put("output_file_id", outputFileId);
            o.put("error_file_id", errorFileId);
            o.put("created_at", createdAt);
            for (String t : List.of("in_progress_at", "expires_at", "finalizing_at", "completed_at", "failed_at",
                    "expired_at", "cancelling_at", "cancelled_at")) {
                Long v = times.get(t);
                if (v == null) {
                    o.putNull(t);
                } else {
                    o.put(t, v);
                }
            }
            ObjectNode counts = o.putObject("request_counts");
            counts.put("total", total);
            counts.put("completed", completed);
            counts.put("failed", failed);
            o.set("metadata", metadata == null ? MAPPER.nullNode() : metadata);
            return o;
        }

        synchronized void set(String newStatus, String timeField) {
            status = newStatus;
            if (timeField != null) {
                times.put(timeField, now());
            }
        }

        synchronized boolean isFinal() {
            return Set.of("completed", "failed", "expired", "cancelled").contains(status);
        }
    }

    /** One line of an input file, as read. */
    private record Line(String customId, String url, JsonNode body) {
    }

    private final SimJobSettings settings;
    private final SimFiles files;
    private final Function<RawRequest, HttpReply> router;
    private final Executor executor;
    private final CountDownLatch closed;
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong executed = new AtomicLong();

    SimBatches(SimJobSettings settings, SimFiles files, Function<RawRequest, HttpReply> router, Executor executor,
               CountDownLatch closed) {
        this.settings = settings;
        this.files = files;
        this.router = router;
        this.executor = executor;
        this.closed = closed;
    }

    /** Creates a job from a validated request body; throws IllegalArgumentException for a 400. */
    Batch create(JsonNode body, Map<String, String> headers) {
        String inputFileId = text(body, "input_file_id");
        String endpoint = text(body, "endpoint");
        String window = body.path("completion_window").asText("24h");
        if (inputFileId == null || endpoint == null) {
            throw new IllegalArgumentException("input_file_id and endpoint are required");
        }
        if (!ENDPOINTS.contains(endpoint)) {
            throw new IllegalArgumentException("endpoint must be one of " + ENDPOINTS + ", got " + endpoint);
        }
        if (!"24h".equals(window)) {
            throw new IllegalArgumentException("completion_window must be 24h, got " + window);
        }
        SimFile input = files.get(inputFileId)
                .orElseThrow(() -> new IllegalArgumentException("no file with id " + inputFileId));
        if (!"batch".equals(input.purpose())) {
            throw new IllegalArgumentException("file " + inputFileId + " has purpose " + input.purpose() + ", not batch");
        }
        Map<String, String> carried = new LinkedHashMap<>();
        String auth = headers.get("authorization");
        if (auth != null) {
            carried.put("authorization", auth);
        }
        carried.put("content-type", "application/json");
        Batch batch = new Batch("batch_sim" + next.incrementAndGet(), endpoint, inputFileId, window,
                body.get("metadata"), carried);
        batch.times.put("expires_at", batch.createdAt + settings.batchExpiry.toSeconds());
        batches.put(batch.id, batch);
        String failure = settings.nextBatchFailure;
        settings.nextBatchFailure = null;
        executor.execute(() -> run(batch, input, failure));
        return batch;
    }

    Optional<Batch> get(String id) {
        return Optional.ofNullable(batches.get(id));
    }

    /** Newest first. */
    List<Batch> list() {
        List<Batch> all = new ArrayList<>(batches.values());
        all.sort((a, b) -> Long.compare(Long.parseLong(b.id.substring(9)), Long.parseLong(a.id.substring(9))));
        return all;
    }

    Batch cancel(Batch batch) {
        synchronized (batch) {
            if (!batch.isFinal()) {
                batch.cancelRequested = true;
                batch.set("cancelling", "cancelling_at");
            }
        }
        return batch;
    }

    /** Requests run by batches so far (each is also in the server's request log). */
    long executedRequests() {
        return executed.get();
    }

    int batchCount() {
        return batches.size();
    }

    private void run(Batch batch, SimFile input, String failure) {
        List<Line> lines;
        try {
            lines = read(batch, input);
        } catch (IllegalArgumentException e) {
            fail(batch, "invalid_request", e.getMessage());
            return;
        }
        if (failure != null) {
            fail(batch, "simulated_failure", failure);
            return;
        }
        synchronized (batch) {
            batch.total = lines.size();
            batch.set("in_progress", "in_progress_at");
        }
        long deadline = System.nanoTime() + settings.batchExpiry.toNanos();
        long perRequest = lines.isEmpty() ? 0 : settings.batchProcessingTime.toNanos() / lines.size();
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        int i = 0;
        String endedAs = null;
        for (; i < lines.size(); i++) {
            if (perRequest > 0 && await(perRequest)) {
                return; // the server closed
            }
            if (batch.cancelRequested) {
                endedAs = "cancelled";
                break;
            }
            Integer expireAfter = settings.expireAfterRequests;
            if (System.nanoTime() > deadline || (expireAfter != null && i >= expireAfter)) {
                endedAs = "expired";
                break;
            }
            Line line = lines.get(i);
            ObjectNode result = execute(batch, line, i);
            if (result == null) {
                return; // the server closed mid-request
            }
            boolean ok = result.path("error").isNull() && result.path("response").path("status_code").asInt() == 200;
            (ok ? output : errors).append(result).append('\n');
            synchronized (batch) {
                if (ok) {
                    batch.completed++;
                } else {
                    batch.failed++;
                }
            }
        }
        for (int j = i; j < lines.size(); j++) {
            String code = "cancelled".equals(endedAs) ? "batch_cancelled" : "batch_expired";
            String message = "cancelled".equals(endedAs) ? "This request was not run: the batch was cancelled."
                    : "This request could not be executed before the completion window expired.";
            errors.append(errorLine(lines.get(j).customId(), j, code, message)).append('\n');
        }
        batch.set("finalizing", "finalizing_at");
        synchronized (batch) {
            if (!output.isEmpty()) {
                batch.outputFileId = files.add(batch.id + "_output.jsonl", "batch_output",
                        output.toString().getBytes(StandardCharsets.UTF_8)).id();
            }
            if (!errors.isEmpty()) {
                batch.errorFileId = files.add(batch.id + "_error.jsonl", "batch_output",
                        errors.toString().getBytes(StandardCharsets.UTF_8)).id();
            }
            if (endedAs == null) {
                batch.set("completed", "completed_at");
            } else if (endedAs.equals("cancelled")) {
                batch.set("cancelled", "cancelled_at");
            } else {
                batch.set("expired", "expired_at");
            }
        }
    }

    /**
     * Answers a whole batch input file at once, as {@code vllm run-batch} does on a cluster: each
     * line may name its own endpoint, and every reply (errors included) is one output line.
     */
    String answerFile(String inputJsonl) {
        List<Line> lines = parse(inputJsonl, null);
        StringBuilder out = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode result = execute(headers, "vllm-sim-", lines.get(i), i);
            if (result == null) {
                throw new IllegalStateException("the simulated server closed while answering the batch file");
            }
            out.append(result).append('\n');
        }
        return out.toString();
    }

    private List<Line> read(Batch batch, SimFile input) {
        if (input.content().length > settings.maxBatchFileBytes) {
            throw new IllegalArgumentException("the input file has " + input.content().length + " bytes; at most "
                    + settings.maxBatchFileBytes + " are allowed");
        }
        List<Line> lines = parse(input.text(), batch.endpoint);
        if (lines.size() > settings.maxBatchRequests) {
            throw new IllegalArgumentException("the input file has " + lines.size() + " requests; at most "
                    + settings.maxBatchRequests + " are allowed");
        }
        return lines;
    }

    /** The lines of an input file; {@code endpoint} null lets each line name its own. */
    private static List<Line> parse(String jsonl, String endpoint) {
        List<Line> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] raw = jsonl.split("\n");
        for (int n = 0; n < raw.length; n++) {
            String text = raw[n].strip();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (IOException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ": not valid JSON");
            }
            String customId = text(node, "custom_id");
            if (customId == null) {
                throw new IllegalArgumentException("line " + (n + 1) + ": custom_id is required");
            }
            if (!ids.add(customId)) {
                throw new IllegalArgumentException("line " + (n + 1) + ": custom_id " + customId + " is not unique");
            }
            if (!"POST".equals(text(node, "method"))) {
                throw new IllegalArgumentException("line " + (n + 1) + ": method must be POST");
            }
            String url = text(node, "url");
            if (endpoint != null ? !endpoint.equals(url) : !ENDPOINTS.contains(url)) {
                throw new IllegalArgumentException("line " + (n + 1) + ": url must be "
                        + (endpoint != null ? "the batch's endpoint " + endpoint : "one of " + ENDPOINTS));
            }
            if (!node.path("body").isObject()) {
                throw new IllegalArgumentException("line " + (n + 1) + ": body must be an object");
            }
            lines.add(new Line(customId, url, node.get("body")));
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the input file holds no request");
        }
        return lines;
    }

    /** The output line of one request, or null when the server closed while it ran. */
    private ObjectNode execute(Batch batch, Line line, int index) {
        return execute(batch.headers, "batch_req_" + batch.id.substring(6) + "_", line, index);
    }

    private ObjectNode execute(Map<String, String> carried, String idPrefix, Line line, int index) {
        byte[] body = line.body().toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(carried);
        headers.put("content-length", Integer.toString(body.length));
        HttpReply reply;
        try {
            reply = router.apply(new RawRequest("POST", line.url(), "HTTP/1.1", headers, body));
        } catch (RuntimeException e) {
            return errorLine(line.customId(), index, "server_error", String.valueOf(e.getMessage()));
        }
        if (reply == null) {
            return null;
        }
        executed.incrementAndGet();
        JsonNode replyBody;
        try {
            replyBody = reply.resetMidBody() ? null : MAPPER.readTree(reply.body());
        } catch (IOException e) {
            replyBody = null;
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.put("id", idPrefix + index);
        out.put("custom_id", line.customId());
        ObjectNode response = out.putObject("response");
        if (replyBody == null) {
            // a reply that broke off or is not JSON reaches a batch client as a server error
            response.put("status_code", 500);
            response.put("request_id", "req_sim_" + index);
            response.set("body", MAPPER.createObjectNode().set("error", MAPPER.createObjectNode()
                    .put("message", "The server had an error while processing your request (simulated)")
                    .put("type", "server_error")));
        } else {
            response.put("status_code", reply.status());
            response.put("request_id", "req_sim_" + index);
            response.set("body", replyBody);
        }
        out.putNull("error");
        return out;
    }

    private static ObjectNode errorLine(String customId, int index, String code, String message) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("id", "batch_req_err_" + index);
        out.put("custom_id", customId);
        out.putNull("response");
        out.putObject("error").put("code", code).put("message", message);
        return out;
    }

    private void fail(Batch batch, String code, String message) {
        synchronized (batch) {
            ObjectNode e = MAPPER.createObjectNode();
            e.put("code", code);
            e.put("message", message);
            e.putNull("param");
            e.putNull("line");
            batch.errors.add(e);
            batch.set("failed", "failed_at");
        }
    }

    /** Sleeps; true when the server closed meanwhile. */
    private boolean await(long nanos) {
        return awaitClose(closed, nanos);
    }

    /** Sleeps up to {@code nanos} on the server's close latch; true when the server closed (or the wait was interrupted). */
    static boolean awaitClose(CountDownLatch closed, long nanos) {
        try {
            return closed.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
