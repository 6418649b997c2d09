package io.llmopt.core.fakes;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.core.llm.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory model for decorator tests: scripted failures, numbered replies, optional latency
 * or replies held until the test releases them, and counters of calls and concurrency.
 *
 * <p>Each reply is "{name}-{k}" with k counting completions produced so far, so a test can tell
 * fresh completions from cached ones. Usage: prompt = characters / 4, completion = 5 per sample.
 */
public final class FakeLanguageModel implements LanguageModel {

    public static final long COMPLETION_TOKENS_PER_SAMPLE = 5;

    private final ModelInfo info;
    private final Queue<LlmException> scriptedFailures = new ConcurrentLinkedQueue<>();
    private final List<ChatRequest> calls = new CopyOnWriteArrayList<>();
    private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger produced = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean holdReplies;
    private volatile LlmException alwaysFail;

    public FakeLanguageModel(String name) {
        this(name, "fake://" + name);
    }

    public FakeLanguageModel(String name, String endpoint) {
        this.info = new ModelInfo("fake", name, endpoint);
    }

    /** The next {@code times} calls fail with {@code kind}. */
    public FakeLanguageModel failNext(int times, LlmException.Kind kind) {
        return failNext(times, kind, null);
    }

    public FakeLanguageModel failNext(int times, LlmException.Kind kind, Duration retryAfter) {
        for (int i = 0; i < times; i++) {
            scriptedFailures.add(failure(kind, "scripted failure " + (i + 1), retryAfter));
        }
        return this;
    }

    /** Every call fails with {@code kind} until {@link #recover()}. */
    public FakeLanguageModel failAlways(LlmException.Kind kind) {
        alwaysFail = failure(kind, "always failing", null);
        return this;
    }

    public FakeLanguageModel recover() {
        alwaysFail = null;
        return this;
    }

    public FakeLanguageModel latency(Duration value) {
        latency = value;
        return this;
    }

    /** Replies wait until {@link #releaseAll()} or {@link #releaseOne()}. */
    public FakeLanguageModel holdReplies() {
        holdReplies = true;
        return this;
    }

    public int releaseAll() {
        int n = 0;
        Runnable r;
        while ((r = held.poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }

    public boolean releaseOne() {
        Runnable r = held.poll();
        if (r != null) {
            r.run();
        }
        return r != null;
    }

    public int heldCount() {
        return held.size();
    }

    public LlmException failure(LlmException.Kind kind, String detail, Duration retryAfter) {
        return new LlmException(kind, info, detail, retryAfter, null);
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        calls.add(request);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        LlmException failure = alwaysFail != null ? alwaysFail : scriptedFailures.poll();
        Runnable finish = () -> {
            inFlight.decrementAndGet();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(reply(request));
            }
        };
        if (holdReplies) {
            held.add(finish);
        } else if (latency.isZero()) {
            finish.run();
        } else {
            CompletableFuture.delayedExecutor(latency.toNanos(), TimeUnit.NANOSECONDS).execute(finish);
        }
        return result;
    }

    private ChatResponse reply(ChatRequest request) {
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            completions.add(new Completion(info.model() + "-" + produced.getAndIncrement(), FinishReason.STOP));
        }
        long chars = request.messages().stream().mapToLong(m -> m.content().length()).sum();
        TokenUsage usage = new TokenUsage(chars / 4, COMPLETION_TOKENS_PER_SAMPLE * request.n());
        return new ChatResponse(completions, usage, info.model(), false);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    public List<ChatRequest> calls() {
        return List.copyOf(calls);
    }

    public int callCount() {
        return calls.size();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }
}
