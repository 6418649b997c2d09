package io.llmopt.opro.numeric.blackbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs the candidate as JSON to an endpoint; the response body is the value (a number, or a
 * JSON object with "value"). Non-2xx statuses and the time-out fail the evaluation.
 */
public final class HttpObjective implements Objective {

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient client;

    public HttpObjective(URI endpoint, Duration timeout, HttpClient client) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = Objects.requireNonNull(client, "client");
    }

    public HttpObjective(URI endpoint, Duration timeout) {
        this(endpoint, timeout, HttpClient.newBuilder().connectTimeout(timeout).build());
    }

    @Override
    public CompletableFuture<Double> evaluate(Candidate candidate) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(candidate.toJson()))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("objective endpoint answered HTTP " + response.statusCode() + ": "
                        + ObjectiveOutput.abbreviate(response.body().strip()));
            }
            return ObjectiveOutput.parse(response.body());
        });
    }
}
