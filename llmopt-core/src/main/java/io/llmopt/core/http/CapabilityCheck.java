package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ModelInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Says once, in one warning line, when a server is known to ignore a sampling field that requests
 * to it carry, instead of letting a run sample silently from another distribution.
 *
 * <p>The first request with a further sampling field ({@link io.llmopt.core.llm.Sampling}) asks
 * the endpoint's {@code GET /models} once per process and endpoint; its {@code owned_by} names the
 * server ({@link ServerFamily}). Requests without such fields never trigger it, so plain chat runs
 * send exactly what they sent before. The check never delays or fails a call: a server without
 * {@code /models} (404), a refused key or a broken reply make the family unknown, and nothing is said.
 * Whether {@code n} is honoured is found out by the calls themselves ({@link NSupport#AUTO}).
 */
final class CapabilityCheck {

    private static final System.Logger LOG = System.getLogger(CapabilityCheck.class.getName());

    /** Per process: one probe per endpoint, one warning per endpoint and field. */
    private static final Map<String, CompletableFuture<ServerFamily>> FAMILIES = new ConcurrentHashMap<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final ModelInfo info;
    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Consumer<HttpRequest.Builder> authorize;
    private final Consumer<String> warn;

    CapabilityCheck(ModelInfo info, HttpClient client, ObjectMapper mapper, Consumer<HttpRequest.Builder> authorize,
            Consumer<String> warn) {
        this.info = info;
        this.client = client;
        this.mapper = mapper;
        this.authorize = authorize;
        this.warn = warn != null ? warn : line -> LOG.log(System.Logger.Level.WARNING, line);
    }

    /** Checks the request's fields against the server, in the background; returns at once. */
    void check(ChatRequest request) {
        Set<String> fields = request.sampling().asWireMap().keySet();
        if (fields.isEmpty()) {
            return;
        }
        family().thenAccept(family -> warnIgnored(family, fields));
    }

    /** The endpoint's family, probed on first use (tests reset it with {@link #forget}). */
    CompletableFuture<ServerFamily> family() {
        return FAMILIES.computeIfAbsent(info.endpoint(), endpoint -> probe());
    }

    static void forget(String endpoint) {
        FAMILIES.remove(endpoint);
        WARNED.removeIf(key -> key.startsWith(endpoint + " "));
    }

    private void warnIgnored(ServerFamily family, Set<String> fields) {
        List<String> fresh = new ArrayList<>();
        for (String field : fields) {
            if (family.ignores(field) && WARNED.add(info.endpoint() + " " + field)) {
                fresh.add(field);
            }
        }
        if (!fresh.isEmpty()) {
            warn.accept(family.label() + " at " + info.endpoint() + " (model " + info.model() + ") ignores "
                    + String.join(", ", fresh) + ": replies are sampled without " + (fresh.size() == 1 ? "it" : "them")
                    + " (set by the method or models.NAME.sampling); serve the model with vLLM to have them applied");
        }
    }

    private CompletableFuture<ServerFamily> probe() {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(info.endpoint() + "/models"))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET();
        authorize.accept(get);
        try {
            return client.sendAsync(get.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .handle((response, error) -> error != null ? ServerFamily.UNKNOWN : familyOf(response));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ServerFamily.UNKNOWN);
        }
    }

    /** The family of the entry for this model, else of the first entry; unknown on any surprise. */
    private ServerFamily familyOf(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return ServerFamily.UNKNOWN;
        }
        try {
            JsonNode data = mapper.readTree(response.body()).path("data");
            ServerFamily first = null;
            for (JsonNode entry : data) {
                ServerFamily f = ServerFamily.fromOwnedBy(entry.path("owned_by").asText(null));
                if (info.model().equals(entry.path("id").asText())) {
                    return f;
                }
                first = first == null ? f : first;
            }
            return first == null ? ServerFamily.UNKNOWN : first;
        } catch (java.io.IOException | RuntimeException e) {
            return ServerFamily.UNKNOWN;
        }
    }
}
