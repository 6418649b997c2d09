package io.llmopt.core.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.LlmException.Kind;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.core.llm.TokenUsage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link LanguageModel} served over an OpenAI-compatible API: OpenAI itself and the compatible
 * servers (vLLM, llama.cpp, Ollama, TGI, LM Studio, gateways). It speaks one API, set by
 * {@link Builder#api}: {@link ModelApi#CHAT} ({@code /chat/completions}, the default) takes chat
 * messages, {@link ModelApi#COMPLETIONS} ({@code /completions}) takes raw prompts. A request of the
 * other form fails with {@link Kind#UNSUPPORTED_REQUEST}: a raw prompt is never wrapped into a chat
 * message, nor chat messages flattened into a prompt, since either would silently change the text
 * the model sees.
 *
 * <pre>{@code
 * LanguageModel scorer = OpenAiCompatibleModel.builder("http://localhost:8000/v1", "Qwen2.5-7B-Instruct")
 *         .provider("vllm")
 *         .requestTimeout(Duration.ofSeconds(60))
 *         .build();
 * }</pre>
 *
 * <p>Calls are asynchronous on one shared {@link HttpClient} (HTTP/1.1, pooled keep-alive
 * connections); no thread is created per call. Failures complete the future with an
 * {@link LlmException} whose kind says whether retrying helps. This class does not retry, limit or
 * cache: the decorators around it do.
 *
 * <p>For {@code n > 1} see {@link NSupport}. The API key travels only in the Authorization header
 * and appears in no message, log or {@code toString}.
 */
public final class OpenAiCompatibleModel implements LanguageModel {

    private final ModelInfo info;
    private final URI uri;
    private final ApiKey apiKey;
    private final Map<String, String> extraHeaders;
    private final Duration requestTimeout;
    private final NSupport nSupport;
    private final HttpClient client;
    private final WireCodec codec;
    private final HttpFailures failures;
    private final CapabilityCheck capabilities;
    private final AtomicBoolean endpointLacksN = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private OpenAiCompatibleModel(Builder b) {
        String base = normalizeBaseUrl(b.baseUrl);
        this.info = new ModelInfo(b.provider, b.model, base, b.api);
        this.apiKey = b.apiKey;
        this.extraHeaders = Map.copyOf(b.headers);
        this.requestTimeout = b.requestTimeout;
        this.nSupport = b.nSupport;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ObjectMapper mapper = new ObjectMapper();
        this.codec = b.api == ModelApi.COMPLETIONS ? new TextCompletionCodec(mapper) : new ChatCompletionCodec(mapper);
        this.uri = URI.create(base + codec.path());
        this.failures = new HttpFailures(info, apiKey, mapper, b.clock);
        CapabilityProbe probe = b.probe ? new CapabilityProbe(this::send) : null;
        CapabilityFile file = b.probe && b.capabilityFile != null ? new CapabilityFile(b.capabilityFile, b.clock) : null;
        this.capabilities = new CapabilityCheck(info, client, mapper, this::authorize, b.warnings, probe, file);
    }

    /** A builder for the model {@code model} served at {@code baseUrl} (usually ending in {@code /v1}). */
    public static Builder builder(String baseUrl, String model) {
        return new Builder(baseUrl, model);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** The n-support mode configured. */
    public NSupport nSupport() {
        return nSupport;
    }

    /** True once an {@link NSupport#AUTO} call or the capability probe found that the endpoint ignores {@code n}. */
    public boolean endpointLacksN() {
        return endpointLacksN.get();
    }

    /**
     * What the capability probe has found out about this endpoint and model so far (see
     * {@link Builder#probe}); every item is {@link Support#UNKNOWN} until a request needed it probed.
     */
    public ServerCapabilities capabilities() {
        return capabilities.snapshot();
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.isRaw() != (info.api() == ModelApi.COMPLETIONS)) {
            return CompletableFuture.failedFuture(wrongForm(request));
        }
        CompletableFuture<TokenUsage> ready = capabilities.prepare(request, nSupport == NSupport.AUTO);
        if (ready.isDone() && ready.join().totalTokens() == 0) {
            // nothing to wait for or to bill: the call's own future, so cancelling it aborts the exchange
            noteLacksN();
            return dispatch(request);
        }
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<ChatResponse>> call = new AtomicReference<>();
        ready.thenAccept(probeCost -> {
            if (result.isDone()) {
                return; // cancelled while the probe ran
            }
            noteLacksN();
            CompletableFuture<ChatResponse> sent = dispatch(request);
            call.set(sent);
            if (result.isCancelled()) {
                sent.cancel(true);
            }
            sent.whenComplete((response, failure) -> Futures.complete(result,
                    failure == null && probeCost.totalTokens() > 0 ? withProbeCost(response, probeCost) : response, failure));
        });
        result.whenComplete((r, e) -> {
            CompletableFuture<ChatResponse> sent = call.get();
            if (result.isCancelled() && sent != null) {
                sent.cancel(true);
            }
        });
        return result;
    }

    private void noteLacksN() {
        if (capabilities.lacksN()) {
            endpointLacksN.set(true);
        }
    }

    /** The first call that needed a probe carries its tokens, so the run's accounting and budget pay for them. */
    private static ChatResponse withProbeCost(ChatResponse response, TokenUsage probeCost) {
        return new ChatResponse(response.completions(), response.usage().plus(probeCost), response.model(),
                response.cacheHit(), response.batched(), response.timing());
    }

    private CompletableFuture<ChatResponse> dispatch(ChatRequest request) {
        int n = request.n();
        if (n == 1) {
            return send(request, 1);
        }
        return switch (nSupport) {
            case SINGLE_CALLS -> singleCalls(request, 0, n);
            case ALWAYS_N -> send(request, n).thenApply(r -> requireN(r, n));
            case AUTO -> endpointLacksN.get() ? singleCalls(request, 0, n) : nWithFallback(request, n);
        };
    }

    private LlmException wrongForm(ChatRequest request) {
        String detail = request.isRaw()
                ? "the request carries a raw prompt, but the model speaks the chat API, which would wrap it in a chat"
                        + " template; if its server serves /v1/completions set api: completions (models.NAME.api in the"
                        + " configuration, or ?api=completions at the end of the model spec)"
                : "the request carries chat messages, but the model speaks the completions API (api: completions),"
                        + " which takes a raw prompt; send a raw prompt (ChatRequest.raw) or set api: chat for this model";
        return new LlmException(Kind.UNSUPPORTED_REQUEST, info, detail, null, null);
    }

    private CompletableFuture<ChatResponse> nWithFallback(ChatRequest request, int n) {
        return send(request, n).thenCompose(first -> {
            int got = first.completions().size();
            if (got >= n) {
                return CompletableFuture.completedFuture(firstN(first, n));
            }
            // The server ignored n: it will keep doing so, so later calls skip the wasted attempt.
            endpointLacksN.set(true);
            return singleCalls(request, got, n).thenApply(rest -> merge(List.of(first, rest)));
        });
    }

    /** Samples {@code from} to {@code to - 1} as parallel single calls; sample i uses seed + i. */
    private CompletableFuture<ChatResponse> singleCalls(ChatRequest request, int from, int to) {
        List<CompletableFuture<ChatResponse>> calls = new ArrayList<>(to - from);
        ChatRequest single = request.withN(1);
        for (int i = from; i < to; i++) {
            ChatRequest sample = request.seed() == null ? single : single.withSeed(request.seed() + i);
            calls.add(send(sample, 1));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((ignored, error) -> {
            List<ChatResponse> responses = new ArrayList<>(calls.size());
            for (CompletableFuture<ChatResponse> call : calls) {
                try {
                    responses.add(firstN(call.join(), 1));
                } catch (CompletionException | CancellationException e) {
                    throw failures.fromThrowable(e, requestTimeout, closed.get());
                }
            }
            return merge(responses);
        });
    }

    /** One HTTP call asking for {@code n} choices; the response holds what the server returned. */
    private CompletableFuture<ChatResponse> send(ChatRequest request, int n) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new LlmException(Kind.CANCELLED, info, "the model was closed", null, null));
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(codec.encode(info.model(), request, n)));
        authorize(http);
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = client.sendAsync(http.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failures.fromThrowable(e, requestTimeout, closed.get()));
        }
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        exchange.whenComplete((response, error) -> {
            try {
                result.complete(interpret(response, error));
            } catch (LlmException e) {
                result.completeExceptionally(e);
            }
        });
        // Cancelling the caller's future aborts the HTTP exchange, freeing the connection.
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    private void authorize(HttpRequest.Builder http) {
        if (apiKey != null) {
            http.header("Authorization", "Bearer " + apiKey.reveal());
        }
        extraHeaders.forEach(http::header);
    }

    private ChatResponse interpret(HttpResponse<byte[]> response, Throwable error) {
        if (error != null) {
            throw failures.fromThrowable(error, requestTimeout, closed.get());
        }
        AnsweredEndpoints.answered(info.endpoint());
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw failures.fromStatus(status, response.headers(), response.body());
        }
        WireCodec.Decoded decoded;
        try {
            decoded = codec.decode(response.body());
        } catch (WireCodec.MalformedBodyException e) {
            throw new LlmException(Kind.MALFORMED_RESPONSE, info, e.getMessage(), null, e.getCause());
        }
        String model = decoded.model() == null ? info.model() : decoded.model();
        return new ChatResponse(decoded.completions(), decoded.usage(), model, false);
    }

    private ChatResponse requireN(ChatResponse response, int n) {
        int got = response.completions().size();
        if (got < n) {
            throw new LlmException(Kind.MALFORMED_RESPONSE, info, "asked for n=" + n + " completions, got " + got
                    + "; the server may not support n: use n-support AUTO or SINGLE_CALLS", null, null);
        }
        return firstN(response, n);
    }

    private static ChatResponse firstN(ChatResponse response, int n) {
        if (response.completions().size() <= n) {
            return response;
        }
        return new ChatResponse(response.completions().subList(0, n), response.usage(), response.model(), false);
    }

    /** Concatenates completions in order and sums usage; the model is the first response's. */
    private static ChatResponse merge(List<ChatResponse> responses) {
        List<Completion> completions = new ArrayList<>();
        TokenUsage usage = TokenUsage.ZERO;
        for (ChatResponse r : responses) {
            completions.addAll(r.completions());
            usage = usage.plus(r.usage());
        }
        return new ChatResponse(completions, usage, responses.get(0).model(), false);
    }

    /** Aborts calls in flight (they fail as CANCELLED) and releases the connection pool. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleModel[" + info.displayName() + " at " + info.endpoint() + ", api " + info.api().wireName()
                + (apiKey == null ? "" : ", key " + apiKey) + ", n " + nSupport + "]";
    }

    static String normalizeBaseUrl(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/chat/completions")) {
            base = base.substring(0, base.length() - "/chat/completions".length());
        } else if (base.endsWith("/completions")) {
            base = base.substring(0, base.length() - "/completions".length());
        }
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the base URL is not a valid URL (expected e.g. http://localhost:8000/v1)");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the base URL must be http(s)://host[:port][/path], e.g. http://localhost:8000/v1");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            // credentials in the URL would end up in every error message; they belong in the API key
            throw new IllegalArgumentException("the base URL must not contain credentials or a query; configure the API key separately");
        }
        return base;
    }

    /** Configures an {@link OpenAiCompatibleModel}. */
    public static final class Builder {
        private final String baseUrl;
        private final String model;
        private String provider = "openai";
        private ApiKey apiKey;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(120);
        private NSupport nSupport = NSupport.AUTO;
        private ModelApi api = ModelApi.CHAT;
        private java.util.function.Consumer<String> warnings;
        private boolean probe;
        private java.nio.file.Path capabilityFile;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder(String baseUrl, String model) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            this.model = Objects.requireNonNull(model, "model");
            if (model.isBlank()) {
                throw new IllegalArgumentException("the model name is blank");
            }
        }

        /** The provider label in {@link ModelInfo} ("openai", "vllm", "ollama", ...); default "openai". */
        public Builder provider(String value) {
            provider = Objects.requireNonNull(value, "provider");
            return this;
        }

        /** Sent as {@code Authorization: Bearer <key>}; none by default (local servers). */
        public Builder apiKey(ApiKey value) {
            apiKey = value;
            return this;
        }

        /** How long to wait for a TCP connection; default 10 s. */
        public Builder connectTimeout(Duration value) {
            connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /** How long to wait for a whole reply, per HTTP call; default 120 s. */
        public Builder requestTimeout(Duration value) {
            requestTimeout = positive(value, "requestTimeout");
            return this;
        }

        /** How to obtain n completions; default {@link NSupport#AUTO}. */
        public Builder nSupport(NSupport value) {
            nSupport = Objects.requireNonNull(value, "nSupport");
            return this;
        }

        /** Which API the model speaks: chat messages (the default) or raw completion prompts. */
        public Builder api(ModelApi value) {
            api = Objects.requireNonNull(value, "api");
            return this;
        }

        /**
         * Where the one-line warning goes when the server is known to ignore a sampling field the
         * requests carry (see {@code CapabilityCheck}); default: the {@link System.Logger} at WARNING.
         */
        public Builder warnings(java.util.function.Consumer<String> value) {
            warnings = Objects.requireNonNull(value, "warnings");
            return this;
        }

        /**
         * Whether to probe the endpoint with small test requests, the first time a request needs it,
         * for whether it honours {@code n}, {@code seed} and each sampling field (see
         * {@code CapabilityCheck} and {@code CapabilityProbe}); default false (only {@code /models}
         * is asked). The configuration turns it on for every HTTP model unless
         * {@code models.NAME.probe: false}. The probe's tokens are added to the usage of the call
         * that needed it.
         */
        public Builder probe(boolean value) {
            probe = value;
            return this;
        }

        /** Where probe results are kept across processes (a JSON file), or null to probe once per process. */
        public Builder capabilityFile(java.nio.file.Path value) {
            capabilityFile = value;
            return this;
        }

        /** An extra header on every call (e.g. an organisation or routing header). */
        public Builder header(String name, String value) {
            if (name.equalsIgnoreCase("authorization")) {
                throw new IllegalArgumentException("set the key with apiKey(...), so that it stays redacted");
            }
            headers.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The clock that HTTP-date Retry-After values are measured against (for tests). */
        Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public OpenAiCompatibleModel build() {
            return new OpenAiCompatibleModel(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (!value.isPositive()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
