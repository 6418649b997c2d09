package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Calls the simulated files, batch and fine-tuning APIs the way an OpenAI client does. */
final class SimJobsClient {

    private final SimulatedLlmServer sim;

    SimJobsClient(SimulatedLlmServer sim) {
        this.sim = sim;
    }

    /** Uploads {@code content} as a multipart form, as the OpenAI SDKs do; returns the file object. */
    JsonNode upload(String filename, String purpose, String content) {
        String boundary = "----llmopt-test-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + content + "\r\n"
                + "--" + boundary + "--\r\n";
        return SimClient.json(SimClient.send(HttpRequest.newBuilder(uri("/v1/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build()));
    }

    JsonNode postJson(String path, String json) {
        return SimClient.json(SimClient.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build()));
    }

    JsonNode get(String path) {
        return SimClient.json(SimClient.get(sim, path));
    }

    String content(String fileId) {
        return SimClient.get(sim, "/v1/files/" + fileId + "/content").body();
    }

    /** Polls {@code path} until {@code done} holds; fails after 10 s. */
    JsonNode await(String path, Predicate<JsonNode> done) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(end)) {
            JsonNode node = get(path);
            if (done.test(node)) {
                return node;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not done in 10 s: " + get(path));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sim.port() + path);
    }
}
