package io.llmopt.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.http.CapabilityProbe.Outcome;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.core.llm.TokenUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Finds out, once per endpoint and model, whether the server honours what requests to it carry,
 * and says in one warning line when it does not, instead of letting a run sample silently from
 * another distribution.
 *
 * <p>Two sources. The endpoint's {@code GET /models} names the server ({@code owned_by}, see
 * {@link ServerFamily}), whose known behaviour says which sampling fields it accepts and ignores.
 * With probing on ({@code OpenAiCompatibleModel.Builder#probe}), small test requests
 * ({@link CapabilityProbe}) find out the rest the first time a request needs it: {@code n} when a
 * request asks for more than one sample, {@code seed} when it carries one, each sampling field it
 * carries. The call that needed a probe waits for it (its result decides how n samples are
 * fetched) and is billed its tokens on top of its own, so accounting and budgets see them; the
 * other calls do not wait for a probe another call started, except for its result. Results are
 * kept per process and, given a {@link CapabilityFile}, across processes.
 *
 * <p>Requests without n, seed or sampling fields never trigger anything, so plain chat runs send
 * exactly what they sent before. A probe or {@code /models} that fails makes the result unknown and
 * nothing is said.
 */
final class CapabilityCheck {

    private static final System.Logger LOG = System.getLogger(CapabilityCheck.class.getName());

    /** Per process: one /models request per endpoint, one probe per endpoint, model, API and item, one warning each. */
    private static final Map<String, CompletableFuture<ServerFamily>> FAMILIES = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, CompletableFuture<Outcome>>> PROBES = new ConcurrentHashMap<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final ModelInfo info;
    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Consumer<HttpRequest.Builder> authorize;
    private final Consumer<String> warn;
    private final CapabilityProbe probe;
    private final CapabilityFile file;

    /**
     * @param probe the test requests, or null to rely on {@code /models} alone
     * @param file  where results are kept across processes, or null
     */
    CapabilityCheck(ModelInfo info, HttpClient client, ObjectMapper mapper, Consumer<HttpRequest.Builder> authorize,
            Consumer<String> warn, CapabilityProbe probe, CapabilityFile file) {
        this.info = info;
        this.client = client;
        this.mapper = mapper;
        this.authorize = authorize;
        this.warn = warn != null ? warn : line -> LOG.log(System.Logger.Level.WARNING, line);
        this.probe = probe;
        this.file = file;
    }

    /**
     * Probes what {@code request} needs and has not been probed; completes, never exceptionally,
     * with the tokens billed for the probes this call started (zero when it started none). Without
     * probing, warns from the server family in the background and completes at once.
     *
     * @param nAuto true when n > 1 is to be fetched by {@link NSupport#AUTO}, the one mode a probe informs
     */
    CompletableFuture<TokenUsage> prepare(ChatRequest request, boolean nAuto) {
        Set<String> fields = request.sampling().asWireMap().keySet();
        if (probe == null) {
            if (!fields.isEmpty()) {
                family().thenAccept(family -> warnFields(family, fields, Map.of()));
            }
            return CompletableFuture.completedFuture(TokenUsage.ZERO);
        }
        boolean raw = request.isRaw();
        Map<String, CompletableFuture<Outcome>> needed = new LinkedHashMap<>();
        List<CompletableFuture<Outcome>> owned = new ArrayList<>();
        if (request.n() > 1 && nAuto) {
            item("n", () -> probe.n(raw), needed, owned);
        }
        if (request.seed() != null) {
            item("seed", () -> probe.seed(raw), needed, owned);
        }
        for (String field : fields) {
            item("field:" + field, () -> probe.field(raw, field, request.sampling()), needed, owned);
        }
        if (needed.isEmpty()) {
            return CompletableFuture.completedFuture(TokenUsage.ZERO);
        }
        CompletableFuture<ServerFamily> family = fields.isEmpty() ? CompletableFuture.completedFuture(ServerFamily.UNKNOWN)
                : family();
        List<CompletableFuture<?>> all = new ArrayList<>(needed.values());
        all.add(family);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((ignored, error) -> {
            try {
                warnAll(family.getNow(ServerFamily.UNKNOWN), needed, fields);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "capability warning failed", e);
            }
            TokenUsage cost = TokenUsage.ZERO;
            for (CompletableFuture<Outcome> mine : owned) {
                cost = cost.plus(mine.join().cost());
            }
            return cost;
        });
    }

    /** True once the probe found that the endpoint ignores or refuses n (fetch samples one call each). */
    boolean lacksN() {
        CompletableFuture<Outcome> n = PROBES.getOrDefault(endpointKey(), Map.of()).get("n");
        if (n == null || !n.isDone()) {
            return false;
        }
        Support s = n.join().support();
        return s == Support.IGNORED || s == Support.REFUSED;
    }

    /** What the probes have found so far. */
    ServerCapabilities snapshot() {
        Map<String, CompletableFuture<Outcome>> state = PROBES.getOrDefault(endpointKey(), Map.of());
        Map<String, Support> fields = new LinkedHashMap<>();
        state.forEach((key, f) -> {
            if (key.startsWith("field:")) {
                fields.put(key.substring("field:".length()), resultOf(f));
            }
        });
        return new ServerCapabilities(resultOf(state.get("n")), resultOf(state.get("seed")), fields);
    }

    private static Support resultOf(CompletableFuture<Outcome> f) {
        return f != null && f.isDone() ? f.join().support() : Support.UNKNOWN;
    }

    private String endpointKey() {
        return info.endpoint() + "|" + info.model() + "|" + info.api().wireName();
    }

    /** Joins the probe of {@code key} already under way or done, or starts it (then this call owns its cost). */
    private void item(String key, java.util.function.Supplier<CompletableFuture<Outcome>> run,
            Map<String, CompletableFuture<Outcome>> needed, List<CompletableFuture<Outcome>> owned) {
        Map<String, CompletableFuture<Outcome>> state = PROBES.computeIfAbsent(endpointKey(), k -> new ConcurrentHashMap<>());
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> existing = state.putIfAbsent(key, mine);
        if (existing != null) {
            needed.put(key, existing);
            return;
        }
        needed.put(key, mine);
        Optional<Support> stored = file == null ? Optional.empty() : file.lookup(endpointKey(), key);
        if (stored.isPresent()) {
            mine.complete(new Outcome(stored.get(), TokenUsage.ZERO, "found by an earlier run, kept in " + file.file()));
            return;
        }
        owned.add(mine);
        CompletableFuture<Outcome> started;
        try {
            started = run.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.completedFuture(CapabilityProbe.Outcome.of(Support.UNKNOWN));
        }
        started.whenComplete((outcome, error) -> {
            Outcome result = error != null || outcome == null ? CapabilityProbe.Outcome.of(Support.UNKNOWN) : outcome;
            if (file != null) {
                file.store(endpointKey(), key, result.support());
            }
            mine.complete(result);
        });
    }

    private void warnAll(ServerFamily family, Map<String, CompletableFuture<Outcome>> results, Set<String> fields) {
        String server = (family == ServerFamily.UNKNOWN ? "the server" : family.label()) + " at " + info.endpoint()
                + " (model " + info.model() + ")";
        Outcome n = results.containsKey("n") ? results.get("n").join() : null;
        if (n != null && n.support() == Support.IGNORED && once("n")) {
            warn.accept(server + " ignores n (asked for 2 samples, got 1): each sample is asked for in its own call");
        } else if (n != null && n.support() == Support.REFUSED && once("n")) {
            warn.accept(server + " refuses n (" + n.detail() + "): each sample is asked for in its own call");
        }
        Outcome seed = results.containsKey("seed") ? results.get("seed").join() : null;
        if (seed != null && seed.support() == Support.IGNORED && once("seed")) {
            warn.accept(server + " ignores seed (the same seed gave different text): replies cannot be reproduced"
                    + " from the seed; cached replies still can");
        } else if (seed != null && seed.support() == Support.REFUSED && once("seed")) {
            warn.accept(server + " refuses seed (" + seed.detail() + "): requests carrying a seed fail;"
                    + " switch the seed off (e.g. --optimizer-seed none)");
        }
        Map<String, Outcome> probed = new LinkedHashMap<>();
        for (String field : fields) {
            CompletableFuture<Outcome> f = results.get("field:" + field);
            if (f != null) {
                probed.put(field, f.join());
            }
        }
        for (Map.Entry<String, Outcome> e : probed.entrySet()) {
            if (e.getValue().support() == Support.REFUSED && once(e.getKey())) {
                warn.accept(server + " refuses " + e.getKey() + " (" + e.getValue().detail() + "): requests carrying it"
                        + " fail; remove it from the method's settings or models.NAME.sampling");
            }
        }
        warnFields(family, fields, probed);
    }

    /** One line for the fields the server accepts and does not apply: seen by the probe, or known of its family. */
    private void warnFields(ServerFamily family, Set<String> fields, Map<String, Outcome> probed) {
        List<String> fresh = new ArrayList<>();
        for (String field : fields) {
            Support found = probed.containsKey(field) ? probed.get(field).support() : Support.UNKNOWN;
            boolean ignored = found == Support.IGNORED
                    || (found == Support.ACCEPTED || found == Support.UNKNOWN) && family.ignores(field);
            if (ignored && once(field)) {
                fresh.add(field);
            }
        }
        if (!fresh.isEmpty()) {
            String server = family == ServerFamily.UNKNOWN ? "the server" : family.label();
            warn.accept(server + " at " + info.endpoint() + " (model " + info.model() + ") ignores "
                    + String.join(", ", fresh) + ": replies are sampled without " + (fresh.size() == 1 ? "it" : "them")
                    + " (set by the method or models.NAME.sampling); serve the model with vLLM to have them applied");
        }
    }

    private boolean once(String item) {
        return WARNED.add(info.endpoint() + " " + item);
    }

    /** The endpoint's family, asked for on first use (tests reset it with {@link #forget}). */
    CompletableFuture<ServerFamily> family() {
        return FAMILIES.computeIfAbsent(info.endpoint(), endpoint -> askModels());
    }

    static void forget(String endpoint) {
        FAMILIES.remove(endpoint);
        PROBES.keySet().removeIf(key -> key.startsWith(endpoint + "|"));
        WARNED.removeIf(key -> key.startsWith(endpoint + " "));
    }

    private CompletableFuture<ServerFamily> askModels() {
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
