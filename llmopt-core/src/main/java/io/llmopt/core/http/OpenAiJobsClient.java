package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.LlmException.Kind;
import io.llmopt.core.llm.ModelInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The asynchronous half of an OpenAI-compatible API: files, batches and fine-tuning jobs, as
 * OpenAI defines them and the servers that copy it serve them.
 *
 * <p>These are control-plane calls, few and cheap, so the client is synchronous and retries by
 * itself (rate limits, server errors, broken connections; a few attempts with growing waits that
 * honour Retry-After). Anything else (a refused key, an unknown id, a bad request) fails at once
 * with an {@link LlmException} naming the endpoint. A connection refused before the server ever
 * answered fails at once too: that is a wrong URL or a server that is not running, not an outage.
 * The key travels only in the Authorization header.
 */
public final class OpenAiJobsClient {

    private static final int MAX_ATTEMPTS = 4;

    private final String base;
    private final ApiKey apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpFailures failures;
    private final Duration firstBackoff;
    private volatile boolean answered;

    /**
     * @param baseUrl the API's base URL, usually ending in {@code /v1}
     * @param apiKey  the key, or null for a server that needs none
     */
    public OpenAiJobsClient(String baseUrl, ApiKey apiKey, Duration timeout) {
        this(baseUrl, apiKey, timeout, Duration.ofMillis(500));
    }

    OpenAiJobsClient(String baseUrl, ApiKey apiKey, Duration timeout, Duration firstBackoff) {
        this.base = OpenAiCompatibleModel.normalizeBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.apiKey = apiKey;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.firstBackoff = firstBackoff;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.failures = new HttpFailures(new ModelInfo("api", "(files, batches, fine-tuning)", base), apiKey, mapper,
                Clock.systemUTC());
    }

    public String baseUrl() {
        return base;
    }

    // ---- files

    /** Uploads {@code content} under {@code filename} with {@code purpose} ("batch", "fine-tune"). */
    public RemoteFile uploadFile(String filename, String purpose, byte[] content) {
        String boundary = "llmopt-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose + "\r\n");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename.replace("\"", "") + "\"\r\nContent-Type: application/jsonl\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest.Builder request = request("/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return RemoteFile.from(json(send(request)));
    }

    /** The bytes of a file (a batch's output or error file, a job's results). */
    public byte[] fileContent(String fileId) {
        return send(request("/files/" + encode(fileId) + "/content").GET());
    }

    // ---- batches

    /** Creates a batch over an uploaded input file; {@code endpoint} is e.g. "/v1/chat/completions". */
    public BatchJob createBatch(String inputFileId, String endpoint, ObjectNode metadata) {
        ObjectNode body = mapper.createObjectNode();
        body.put("input_file_id", inputFileId);
        body.put("endpoint", endpoint);
        body.put("completion_window", "24h");
        if (metadata != null) {
            body.set("metadata", metadata);
        }
        return BatchJob.from(postJson("/batches", body));
    }

    public BatchJob batch(String batchId) {
        return BatchJob.from(json(send(request("/batches/" + encode(batchId)).GET())));
    }

    /** The newest batches first, at most {@code limit}, with their metadata: how a resumed run finds a batch it created but did not record. */
    public List<JsonNode> batches(int limit) {
        JsonNode list = json(send(request("/batches?limit=" + limit).GET()));
        List<JsonNode> out = new ArrayList<>();
        list.path("data").forEach(out::add);
        return out;
    }

    public BatchJob cancelBatch(String batchId) {
        return BatchJob.from(postJson("/batches/" + encode(batchId) + "/cancel", mapper.createObjectNode()));
    }

    // ---- fine-tuning

    /** Creates a fine-tuning job; {@code body} holds model, training_file and optional hyperparameters, suffix, seed. */
    public FineTuningJob createFineTuningJob(ObjectNode body) {
        return FineTuningJob.from(postJson("/fine_tuning/jobs", body));
    }

    public FineTuningJob fineTuningJob(String jobId) {
        return FineTuningJob.from(json(send(request("/fine_tuning/jobs/" + encode(jobId)).GET())));
    }

    public FineTuningJob cancelFineTuningJob(String jobId) {
        return FineTuningJob.from(postJson("/fine_tuning/jobs/" + encode(jobId) + "/cancel", mapper.createObjectNode()));
    }

    /** The newest jobs first, at most {@code limit}: how a resumed run finds a job it created but did not record. */
    public List<FineTuningJob> fineTuningJobs(int limit) {
        JsonNode list = json(send(request("/fine_tuning/jobs?limit=" + limit).GET()));
        List<FineTuningJob> jobs = new ArrayList<>();
        for (JsonNode j : list.path("data")) {
            jobs.add(FineTuningJob.from(j));
        }
        return jobs;
    }

    /** The job's events after {@code afterId} (null: from the newest), oldest first. */
    public List<FineTuningEvent> fineTuningEvents(String jobId, String afterId, int limit) {
        String query = "?limit=" + limit + (afterId == null ? "" : "&after=" + encode(afterId));
        JsonNode list = json(send(request("/fine_tuning/jobs/" + encode(jobId) + "/events" + query).GET()));
        List<FineTuningEvent> events = new ArrayList<>();
        for (JsonNode e : list.path("data")) {
            events.add(FineTuningEvent.from(e));
        }
        java.util.Collections.reverse(events); // the API lists newest first
        return events;
    }

    // ---- plumbing

    private JsonNode postJson(String path, JsonNode body) {
        try {
            return json(send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey.reveal());
        }
        return b;
    }

    /** Sends with bounded retries; returns the body of a 2xx reply. */
    private byte[] send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        LlmException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                answered = true;
                if (response.statusCode() / 100 == 2) {
                    return response.body();
                }
                last = failures.fromStatus(response.statusCode(), response.headers(), response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmException(Kind.CANCELLED, base, "api", "interrupted", null, e);
            } catch (IOException e) {
                last = failures.fromThrowable(e, timeout, false);
                if (!answered && e instanceof java.net.ConnectException) {
                    throw new LlmException(Kind.CONNECTION, base, "api", "connection refused at " + base
                            + " (is the server running? curl " + base + "/models)", null, e);
                }
            }
            if (!last.retryable() || attempt == MAX_ATTEMPTS) {
                throw last;
            }
            sleep(last.retryAfter().orElse(firstBackoff.multipliedBy(1L << (attempt - 1))));
        }
        throw last;
    }

    private JsonNode json(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new LlmException(Kind.MALFORMED_RESPONSE, base, "api", "the reply is not a JSON object", null, null);
            }
            return node;
        } catch (IOException e) {
            throw new LlmException(Kind.MALFORMED_RESPONSE, base, "api", "the reply is not valid JSON", null, e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(Kind.CANCELLED, "", "api", "interrupted", null, e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
