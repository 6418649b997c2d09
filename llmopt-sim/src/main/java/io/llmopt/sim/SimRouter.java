package io.llmopt.sim;

import io.llmopt.sim.HttpRequestReader.RawRequest;
import io.llmopt.sim.SimRequestParser.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Answers one HTTP request: routing, API-key and model checks, fault injection, capacity,
 * latency and the scripted completion.
 */
final class SimRouter {

    // what a paying client would have been billed: replies that reached it whole
    private final java.util.concurrent.atomic.AtomicLong billedPromptTokens = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong billedCompletionTokens = new java.util.concurrent.atomic.AtomicLong();

    long billedPromptTokens() {
        return billedPromptTokens.get();
    }

    long billedCompletionTokens() {
        return billedCompletionTokens.get();
    }

    private static final String CHAT_PATH = "/v1/chat/completions";
    private static final String COMPLETIONS_PATH = "/v1/completions";
    private static final String MODELS_PATH = "/v1/models";
    private static final byte[] MALFORMED_BODY =
            "{\"id\": \"chatcmpl-sim\", \"object\": \"chat.completion\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assis"
                    .getBytes(StandardCharsets.UTF_8);

    private final SimSettings settings;
    private final FaultInjector faults;
    private final CapacityGate gate;
    private final SimRequestParser parser;
    private final SimJson json;
    private final Consumer<RecordedRequest> recorder;
    private final CountDownLatch closed;
    private final AtomicLong chatRequests = new AtomicLong();
    private volatile SimJobsApi jobs;

    SimRouter(SimSettings settings, FaultInjector faults, CapacityGate gate, SimRequestParser parser, SimJson json,
              Consumer<RecordedRequest> recorder, CountDownLatch closed) {
        this.settings = settings;
        this.faults = faults;
        this.gate = gate;
        this.parser = parser;
        this.json = json;
        this.recorder = recorder;
        this.closed = closed;
    }

    /** Serves files, batches and fine-tuning jobs (set once, after construction: jobs call back into the router). */
    void jobs(SimJobsApi api) {
        this.jobs = api;
    }

    /** The reply, or null when the server closed while the request waited (drop the connection). */
    HttpReply handle(RawRequest raw) throws InterruptedException {
        String path = raw.target();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (CHAT_PATH.equals(path) && "POST".equals(raw.method())) {
            return chat(raw, false);
        }
        if (COMPLETIONS_PATH.equals(path) && "POST".equals(raw.method()) && settings.serveCompletions) {
            return chat(raw, true);
        }
        recorder.accept(new RecordedRequest(raw.method(), raw.target(), raw.headers(), HttpRequestReader.utf8(raw.body()), null));
        SimJobsApi api = jobs;
        if (api != null && SimJobsApi.serves(path)) {
            return authorized(raw) ? api.handle(raw, path, SimJobsApi.query(raw.target())) : unauthorized();
        }
        if (CHAT_PATH.equals(path) || COMPLETIONS_PATH.equals(path) && settings.serveCompletions) {
            return methodNotAllowed(raw);
        }
        if (MODELS_PATH.equals(path)) {
            if (!"GET".equals(raw.method())) {
                return methodNotAllowed(raw);
            }
            if (!authorized(raw)) {
                return unauthorized();
            }
            return HttpReply.json(200, json.models(settings.listedModels(), nowSeconds()));
        }
        return HttpReply.json(404, json.error("Unknown path " + path + " (the simulator serves "
                + CHAT_PATH + (settings.serveCompletions ? ", " + COMPLETIONS_PATH : "") + ", " + MODELS_PATH + ", /v1/files, /v1/batches and /v1/fine_tuning/jobs)",
                "invalid_request_error", "unknown_url"));
    }

    /** A chat completion, or with {@code rawPrompt} a text completion: the same pipeline, another shape. */
    private HttpReply chat(RawRequest raw, boolean rawPrompt) throws InterruptedException {
        long number = chatRequests.incrementAndGet();
        SimRequest request = null;
        String invalid = null;
        try {
            request = parser.parse(raw.body(), raw.headers(), rawPrompt);
        } catch (InvalidRequestException e) {
            invalid = e.getMessage();
        }
        recorder.accept(new RecordedRequest(raw.method(), raw.target(), raw.headers(), HttpRequestReader.utf8(raw.body()), request));
        if (!authorized(raw)) {
            return unauthorized();
        }
        if (request == null) {
            return badRequest(invalid);
        }
        if (request.n() < 1 || request.n() > SimSettings.MAX_N) {
            return badRequest("n must be between 1 and " + SimSettings.MAX_N + ", got " + request.n());
        }
        for (String field : settings.rejectedFields) {
            if (request.json() != null && request.json().has(field)) {
                // OpenAI's wording for a field it does not know
                return badRequest("Unrecognized request argument supplied: " + field);
            }
        }
        String model = request.model() == null ? settings.defaultModel : request.model();
        if (!settings.servedModels.isEmpty() && !settings.servedModels.contains(model)) {
            return modelNotFound(model);
        }
        Fault fault = faults.pick(request, number);
        if (fault != null) {
            HttpReply immediate = immediateFault(fault, model);
            if (immediate != null) {
                return immediate;
            }
            if (fault == Fault.TIMEOUT && !hold(settings.timeoutHold)) {
                return null;
            }
        }
        Semaphore slot = gate.enter();
        try {
            Duration latency = settings.latency.apply(request);
            if (latency != null && latency.isPositive() && closed.await(latency.toNanos(), TimeUnit.NANOSECONDS)) {
                return null;
            }
            return completion(request, model, number, fault);
        } finally {
            gate.leave(slot);
        }
    }

    private HttpReply completion(SimRequest request, String model, long number, Fault fault) {
        int choiceCount = settings.ignoreN ? 1 : request.n();
        List<SimJson.Choice> choices = new ArrayList<>(choiceCount);
        if (fault != Fault.EMPTY_CHOICES) {
            for (int i = 0; i < choiceCount; i++) {
                String text;
                try {
                    text = settings.script.reply(request, i);
                } catch (RuntimeException e) {
                    return HttpReply.json(500, json.error("the reply script failed: " + e, "server_error", null));
                }
                text = varied(text == null ? "" : text, request, i);
                choices.add(fault == Fault.TRUNCATED ? truncatedByFault(text) : shape(text, request));
            }
        }
        int promptTokens = request.isRaw() ? SimTokens.count(request.prompt()) : 0;
        for (SimMessage m : request.messages()) {
            promptTokens += SimTokens.count(m.content());
        }
        byte[] body = json.completion((request.isRaw() ? "cmpl-sim-" : "chatcmpl-sim-") + number, nowSeconds(), model,
                choices, promptTokens, request.isRaw(), logprobsAsked(request));
        if (fault == Fault.MALFORMED_JSON) {
            return HttpReply.json(200, MALFORMED_BODY);
        }
        if (fault != Fault.CONNECTION_RESET) {
            billedPromptTokens.addAndGet(promptTokens);
            for (SimJson.Choice c : choices) {
                billedCompletionTokens.addAndGet(SimTokens.count(c.text()));
            }
        }
        HttpReply reply = HttpReply.json(200, body);
        return fault == Fault.CONNECTION_RESET ? reply.resettingMidBody() : reply;
    }

    /**
     * The scripted text, with a random word appended when the settings make replies vary: drawn from
     * the request's seed (and the sample's index) when the seed is honoured and given, else at random.
     */
    private String varied(String text, SimRequest request, int sample) {
        SeedBehaviour behaviour = settings.seedBehaviour;
        if (behaviour == SeedBehaviour.FIXED) {
            return text;
        }
        java.util.Random random = behaviour == SeedBehaviour.HONOURED && request.seed() != null
                ? new java.util.Random(request.seed() * 1_000_003L + sample)
                : java.util.concurrent.ThreadLocalRandom.current();
        return text + (text.isEmpty() ? "" : " ") + "w" + random.nextInt(1_000_000);
    }

    /**
     * How many alternatives per token the request asked log-probabilities for, or null when it did
     * not ask: {@code logprobs: k} on the completions API, {@code logprobs: true} and
     * {@code top_logprobs: k} on the chat API.
     */
    private static Integer logprobsAsked(SimRequest request) {
        com.fasterxml.jackson.databind.JsonNode body = request.json();
        if (body == null) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode lp = body.path("logprobs");
        if (request.isRaw()) {
            return lp.isIntegralNumber() ? lp.asInt() : null;
        }
        return lp.asBoolean(false) ? body.path("top_logprobs").asInt(0) : null;
    }

    /** Applies the request's stop strings (cut before the earliest), then its max_tokens cap. */
    private static SimJson.Choice shape(String text, SimRequest request) {
        int cut = -1;
        for (String stop : request.stop()) {
            if (!stop.isEmpty()) {
                int at = text.indexOf(stop);
                if (at >= 0 && (cut < 0 || at < cut)) {
                    cut = at;
                }
            }
        }
        String shaped = cut >= 0 ? text.substring(0, cut) : text;
        Integer max = request.maxTokens();
        if (max != null && SimTokens.count(shaped) > max) {
            return new SimJson.Choice(SimTokens.truncate(shaped, max), "length");
        }
        return new SimJson.Choice(shaped, "stop");
    }

    private static SimJson.Choice truncatedByFault(String text) {
        String t = text == null ? "" : text;
        return new SimJson.Choice(SimTokens.truncate(t, SimTokens.count(t) / 2), "length");
    }

    /** Faults answered at once with an error status; null for faults that shape the completion. */
    private HttpReply immediateFault(Fault fault, String model) {
        return switch (fault) {
            case RATE_LIMITED -> HttpReply.json(429, json.error("Rate limit reached for " + model + " (simulated)",
                            "rate_limit_exceeded", "rate_limit_exceeded"))
                    .withHeader("Retry-After", Integer.toString(settings.retryAfterSeconds));
            case SERVER_ERROR -> HttpReply.json(500, json.error("The server had an error while processing your request (simulated)",
                    "server_error", null));
            case SERVICE_UNAVAILABLE -> HttpReply.json(503, json.error("The server is overloaded (simulated)",
                    "server_error", null));
            case BAD_REQUEST -> badRequest("Invalid request (simulated)");
            case UNAUTHORIZED -> unauthorized();
            case MODEL_NOT_FOUND -> modelNotFound(model);
            case TIMEOUT, CONNECTION_RESET, MALFORMED_JSON, EMPTY_CHOICES, TRUNCATED -> null;
        };
    }

    /** Waits out a hold; false when the server closed meanwhile. */
    private boolean hold(Duration duration) throws InterruptedException {
        if (duration == null) {
            closed.await();
            return false;
        }
        return !closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    private boolean authorized(RawRequest raw) {
        String key = settings.apiKey;
        return key == null || ("Bearer " + key).equals(raw.header("authorization"));
    }

    private HttpReply unauthorized() {
        // like the real API, the reply never echoes the key it refused
        return HttpReply.json(401, json.error("Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
    }

    private HttpReply badRequest(String message) {
        return HttpReply.json(400, json.error(message, "invalid_request_error", null));
    }

    private HttpReply modelNotFound(String model) {
        return HttpReply.json(404, json.error("The model `" + model + "` does not exist", "invalid_request_error",
                "model_not_found"));
    }

    /** The reply to bytes that are not HTTP; the connection closes after it. */
    HttpReply malformedHttp(String why) {
        return HttpReply.json(400, json.error("malformed HTTP request: " + why, "invalid_request_error", null));
    }

    private HttpReply methodNotAllowed(RawRequest raw) {
        return HttpReply.json(405, json.error("Method " + raw.method() + " not allowed on " + raw.target(),
                "invalid_request_error", null));
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
