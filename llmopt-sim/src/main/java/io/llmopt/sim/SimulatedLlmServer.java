package io.llmopt.sim;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A simulated OpenAI-compatible LLM server: real HTTP/1.1 with keep-alive on 127.0.0.1, scripted
 * replies, latency, a capacity limit and injectable faults, for testing clients without a model.
 *
 * <pre>{@code
 * try (SimulatedLlmServer sim = SimulatedLlmServer.start()) {
 *     sim.replyWhen("capital of France", "Paris")
 *        .inject(FaultRule.first(1, Fault.RATE_LIMITED));
 *     // point a client at sim.baseUrl() ("http://127.0.0.1:<port>/v1")
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code POST /v1/chat/completions}, {@code POST /v1/completions} (a raw prompt in,
 * {@code choices[].text} out; reply scripts see the prompt as {@link SimRequest#lastUserMessage()})
 * and {@code GET /v1/models}. Every request's raw prompt and sampling fields are in its
 * {@link SimRequest} ({@link SimRequest#prompt()}, {@link SimRequest#sampling()}). Replies honour
 * {@code n} (unless {@link #ignoreN}), {@code stop} (cut before the earliest stop string, finish
 * reason "stop") and {@code max_tokens} (cut to that many {@link SimTokens tokens}, finish reason
 * "length"); usage is counted with {@link SimTokens}.
 *
 * <p>Each connection is served by its own virtual thread, and a reply is written in one segment,
 * so the server keeps up with a client benchmark on loopback. All settings may be changed while
 * the server runs; they apply to requests that arrive afterwards.
 */
public final class SimulatedLlmServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private final SimSettings settings = new SimSettings();
    private final FaultInjector faults = new FaultInjector();
    private final CapacityGate gate = new CapacityGate();
    private final ConcurrentLinkedQueue<RecordedRequest> recorded = new ConcurrentLinkedQueue<>();
    private final AtomicLong totalRequests = new AtomicLong();
    private volatile boolean recording = true;
    private final SimRouter router;
    private final SimJobSettings jobSettings = new SimJobSettings();
    private final SimBatches batches;

    private SimulatedLlmServer(int port) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        this.router = new SimRouter(settings, faults, gate, new SimRequestParser(mapper), new SimJson(mapper.getFactory()),
                request -> {
                    if (recording) {
                        recorded.add(request);
                    }
                }, closed);
        SimFiles files = new SimFiles();
        this.batches = new SimBatches(jobSettings, files, this::route, threads, closed);
        SimFineTuning fineTuning = new SimFineTuning(jobSettings, files, threads, closed, this::serveNewModel);
        router.jobs(new SimJobsApi(files, batches, fineTuning));
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        threads.execute(this::acceptLoop);
    }

    /** Starts a server on an ephemeral port of 127.0.0.1. */
    public static SimulatedLlmServer start() {
        return start(0);
    }

    /** Starts a server on {@code port} of 127.0.0.1 (0 for an ephemeral port). */
    public static SimulatedLlmServer start(int port) {
        try {
            return new SimulatedLlmServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the simulated LLM server on port " + port, e);
        }
    }

    // ---- where it is

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The OpenAI-style base URL, {@code http://127.0.0.1:<port>/v1}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    // ---- scripting

    /** Every request not matched by a {@link #replyWhen} rule gets {@code text} in each choice. */
    public SimulatedLlmServer reply(String text) {
        Objects.requireNonNull(text, "text");
        settings.script.fallback((request, sample) -> text);
        return this;
    }

    /** Requests not matched by a {@link #replyWhen} rule get what {@code reply} computes, per choice. */
    public SimulatedLlmServer reply(ReplyFunction reply) {
        settings.script.fallback(reply);
        return this;
    }

    /**
     * When {@code regex} is found in the last user message, reply {@code text}. Rules are tried in
     * the order added; the first match wins. The pattern is compiled with DOTALL.
     */
    public SimulatedLlmServer replyWhen(String regex, String text) {
        Objects.requireNonNull(text, "text");
        return replyWhen(regex, (request, sample) -> text);
    }

    /** When {@code regex} is found in the last user message, reply what {@code reply} computes. */
    public SimulatedLlmServer replyWhen(String regex, ReplyFunction reply) {
        settings.script.addRule(Pattern.compile(regex, Pattern.DOTALL), reply);
        return this;
    }

    /** Back to no rules and the default reply: {@code "echo: "} followed by the last user message. */
    public SimulatedLlmServer resetReplies() {
        settings.script.reset();
        return this;
    }

    /** The model named in replies to requests that name none, and listed by /v1/models when no set is served. */
    public SimulatedLlmServer defaultModel(String model) {
        settings.defaultModel = Objects.requireNonNull(model, "model");
        return this;
    }

    /** Only these models are served; requests for any other get 404 model_not_found. None given: any model. */
    public SimulatedLlmServer serveModels(String... models) {
        settings.servedModels = Set.copyOf(Arrays.asList(models));
        return this;
    }

    /** Requests must carry {@code Authorization: Bearer <key>}, or get 401. Null turns the check off. */
    public SimulatedLlmServer requireApiKey(String key) {
        settings.apiKey = key;
        return this;
    }

    /** When false, {@code /v1/completions} answers 404, as on a chat-only server (default true). */
    public SimulatedLlmServer serveCompletions(boolean serve) {
        settings.serveCompletions = serve;
        return this;
    }

    /** When true, every reply has one choice whatever {@code n} asks, as on servers without n support. */
    public SimulatedLlmServer ignoreN(boolean ignore) {
        settings.ignoreN = ignore;
        return this;
    }

    /** Whether replies vary and whether a request's seed fixes them (default {@link SeedBehaviour#FIXED}). */
    public SimulatedLlmServer seedBehaviour(SeedBehaviour behaviour) {
        settings.seedBehaviour = Objects.requireNonNull(behaviour, "behaviour");
        return this;
    }

    /**
     * A request carrying any of these body fields (e.g. "top_k") is refused with a 400 whose message
     * names the field, as OpenAI refuses a field it does not know; none by default.
     */
    public SimulatedLlmServer rejectFields(String... fields) {
        settings.rejectedFields = Set.of(fields);
        return this;
    }

    // ---- load

    /** Every chat completion takes {@code latency} (spent holding a capacity slot). */
    public SimulatedLlmServer latency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        settings.latency = r -> latency;
        return this;
    }

    /** Each chat completion takes what {@code latency} computes for its request. */
    public SimulatedLlmServer latency(Function<SimRequest, Duration> latency) {
        settings.latency = Objects.requireNonNull(latency, "latency");
        return this;
    }

    /** At most {@code capacity} chat completions are processed at once; the others queue. 0: unlimited. */
    public SimulatedLlmServer capacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity cannot be negative: " + capacity);
        }
        gate.capacity(capacity);
        return this;
    }

    // ---- faults

    /** Adds a fault rule; rules are checked in the order added and the first that fires wins. */
    public SimulatedLlmServer inject(FaultRule rule) {
        faults.add(Objects.requireNonNull(rule, "rule"));
        return this;
    }

    /** Removes every fault rule (the counts of injected faults stay). */
    public SimulatedLlmServer clearFaults() {
        faults.clearRules();
        return this;
    }

    /** The Retry-After value, in seconds, of {@link Fault#RATE_LIMITED} replies (default 1). */
    public SimulatedLlmServer retryAfterSeconds(int seconds) {
        settings.retryAfterSeconds = seconds;
        return this;
    }

    /**
     * How long a {@link Fault#TIMEOUT} holds its reply before sending it normally; null (the
     * default) holds it until the server closes.
     */
    public SimulatedLlmServer timeoutHold(Duration hold) {
        settings.timeoutHold = hold;
        return this;
    }

    /** How many times {@code fault} was injected. */
    public long faultCount(Fault fault) {
        return faults.count(fault);
    }

    /** Injected faults by kind; kinds never injected are absent. */
    public Map<Fault, Long> faultCounts() {
        return faults.counts();
    }

    /**
     * Whether requests are kept for {@link #requests()} (the default). Turn off for runs of
     * hundreds of thousands of calls, whose recordings would fill the heap; {@link #stats()} still
     * counts them.
     */
    public SimulatedLlmServer recordRequests(boolean value) {
        recording = value;
        return this;
    }

    // ---- what happened

    /** Every request received since the start or the last {@link #clear}, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    /** The parsed chat-completions requests among {@link #requests()}. */
    public List<SimRequest> chatRequests() {
        List<SimRequest> chats = new ArrayList<>();
        for (RecordedRequest r : recorded) {
            if (r.parsed() != null && !r.parsed().isRaw()) {
                chats.add(r.parsed());
            }
        }
        return chats;
    }

    /** The {@code /v1/completions} requests that parsed, in arrival order: raw prompt and sampling fields as sent. */
    public List<SimRequest> completionRequests() {
        List<SimRequest> raw = new ArrayList<>();
        for (RecordedRequest r : recorded) {
            if (r.parsed() != null && r.parsed().isRaw()) {
                raw.add(r.parsed());
            }
        }
        return raw;
    }

    /** The most recent request. */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("the simulated server has received no request");
        }
        return all.get(all.size() - 1);
    }

    /** Number of requests recorded since the start or the last {@link #clear}. */
    public int requestCount() {
        return recorded.size();
    }

    /**
     * Forgets recorded requests, fault counts and the concurrency peak. Request numbers that
     * fault rules see keep counting, so a {@code first(k, ...)} rule does not fire again.
     */
    public void clear() {
        recorded.clear();
        faults.resetCounts();
        gate.resetMax();
    }

    public SimStats stats() {
        return new SimStats(totalRequests.get(), gate.maxInFlight(), gate.inFlight(),
                router.billedPromptTokens(), router.billedCompletionTokens());
    }

    // ---- files, batches and fine-tuning jobs

    /** How long each batch takes from creation to its last request (spread evenly over its requests). */
    public SimulatedLlmServer batchProcessingTime(Duration time) {
        jobSettings.batchProcessingTime = Objects.requireNonNull(time, "time");
        return this;
    }

    /** How long after creation a batch expires if it has not finished (the real API's window is 24 h). */
    public SimulatedLlmServer batchExpiry(Duration expiry) {
        jobSettings.batchExpiry = Objects.requireNonNull(expiry, "expiry");
        return this;
    }

    /** Batches expire once they have run {@code requests} requests (null: only by time), for exact expiry tests. */
    public SimulatedLlmServer batchExpiresAfterRequests(Integer requests) {
        jobSettings.expireAfterRequests = requests;
        return this;
    }

    /** The provider's limits on one batch input file (default 50,000 requests and 200 MB, as OpenAI's). */
    public SimulatedLlmServer batchLimits(int maxRequests, long maxBytes) {
        jobSettings.maxBatchRequests = maxRequests;
        jobSettings.maxBatchFileBytes = maxBytes;
        return this;
    }

    /** The next batch created fails as a whole, with this message. */
    public SimulatedLlmServer failNextBatch(String message) {
        jobSettings.nextBatchFailure = Objects.requireNonNull(message, "message");
        return this;
    }

    /** How long a fine-tuning job runs once queued. */
    public SimulatedLlmServer fineTuneDuration(Duration duration) {
        jobSettings.fineTuneDuration = Objects.requireNonNull(duration, "duration");
        return this;
    }

    /** The next fine-tuning job fails while running, with this message. */
    public SimulatedLlmServer failNextFineTune(String message) {
        jobSettings.nextFineTuneFailure = Objects.requireNonNull(message, "message");
        return this;
    }

    /** The fewest examples a fine-tuning file may hold (default 10, as OpenAI's). */
    public SimulatedLlmServer minTrainingExamples(int count) {
        jobSettings.minTrainingExamples = count;
        return this;
    }

    /** Batches created so far. */
    public int batchCount() {
        return batches.batchCount();
    }

    /** Requests that batches have run so far (each is also in {@link #requests()}). */
    public long batchRequestsExecuted() {
        return batches.executedRequests();
    }

    /**
     * Answers a batch input file the way {@code vllm run-batch -i IN -o OUT} does: every line is
     * run through this server (scripted replies, faults and request log included) and its reply,
     * error or not, written as one line of the output file.
     */
    public void answerBatchFile(Path input, Path output) throws IOException {
        Files.writeString(output, batches.answerFile(Files.readString(input)));
    }

    private HttpReply route(HttpRequestReader.RawRequest request) {
        try {
            return router.handle(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A fine-tuned model is answered for from then on (when the server restricts its models). */
    private void serveNewModel(String model) {
        Set<String> served = settings.servedModels;
        if (!served.isEmpty()) {
            Set<String> more = new java.util.HashSet<>(served);
            more.add(model);
            settings.servedModels = Set.copyOf(more);
        }
    }

    // ---- lifecycle

    /** Stops accepting, releases held replies and closes every connection. Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed.countDown();
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : connections) {
            closeQuietly(s);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closing.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.add(socket);
            try {
                threads.execute(() -> serve(socket));
            } catch (RuntimeException rejected) {
                connections.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
            OutputStream out = socket.getOutputStream();
            while (!closing.get()) {
                HttpRequestReader.RawRequest request;
                try {
                    request = reader.read();
                } catch (HttpRequestReader.MalformedRequestException e) {
                    router.malformedHttp(e.getMessage()).writeTo(socket, out, false);
                    return;
                }
                if (request == null) {
                    return;
                }
                totalRequests.incrementAndGet();
                HttpReply reply = router.handle(request);
                if (reply == null || socket.isClosed()) {
                    return;
                }
                boolean keepAlive = request.keepAlive() && !reply.resetMidBody();
                reply.writeTo(socket, out, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (SocketException | InterruptedException e) {
            // the client went away or the server is closing
        } catch (IOException e) {
            // a broken connection ends only itself
        } finally {
            connections.remove(socket);
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    @Override
    public String toString() {
        return "SimulatedLlmServer[" + baseUrl() + "]";
    }
}
