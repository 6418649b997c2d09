package io.llmopt.core.limits;

import io.llmopt.core.concurrent.Delayer;
import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.concurrent.Ticker;
import io.llmopt.core.llm.CallTiming;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps calls within a concurrency cap and within requests-per-minute and tokens-per-minute rates.
 *
 * <p>Calls that cannot start wait in one FIFO queue as plain objects, not threads: a finishing call
 * or a timer hands the freed capacity to the head of the queue. Strict FIFO means a large request
 * is never starved by a stream of small ones. Tokens are estimated before a call
 * ({@link TokenEstimate}) and the bucket is corrected with the usage the reply reports.
 */
public final class LimitingLanguageModel extends ForwardingLanguageModel {

    private record Waiter(ChatRequest request, long estimatedTokens, CompletableFuture<ChatResponse> result, long queuedAt) {
    }

    private final LimitPolicy policy;
    private final Ticker ticker;
    private final Delayer delayer;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private final TokenBucket requestBucket;
    private final TokenBucket tokenBucket;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxObserved = new AtomicInteger();
    // Work-in-progress counter: one thread drains at a time, others just flag that it must go again.
    // This keeps a delegate that completes synchronously from recursing once per queued call.
    private final AtomicInteger drainRequests = new AtomicInteger();
    private boolean wakeupScheduled;

    public LimitingLanguageModel(LanguageModel delegate, LimitPolicy policy) {
        this(delegate, policy, Ticker.SYSTEM, Delayer.SYSTEM);
    }

    public LimitingLanguageModel(LanguageModel delegate, LimitPolicy policy, Ticker ticker, Delayer delayer) {
        super(delegate);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.delayer = Objects.requireNonNull(delayer, "delayer");
        long now = ticker.nanos();
        double burstMinutes = policy.burst().toNanos() / 60e9;
        this.requestBucket = policy.requestsPerMinute() == 0 ? null
                : new TokenBucket(policy.requestsPerMinute(), Math.max(1, policy.requestsPerMinute() * burstMinutes), now);
        this.tokenBucket = policy.tokensPerMinute() == 0 ? null
                : new TokenBucket(policy.tokensPerMinute(), Math.max(1, policy.tokensPerMinute() * burstMinutes), now);
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        Waiter waiter = new Waiter(request, TokenEstimate.of(request, policy.defaultMaxTokens()), new CompletableFuture<>(),
                ticker.nanos());
        lock.lock();
        try {
            queue.addLast(waiter);
        } finally {
            lock.unlock();
        }
        drain();
        return waiter.result;
    }

    public LimitPolicy policy() {
        return policy;
    }

    /** Calls sent to the delegate and not yet finished. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most calls ever in flight at once. */
    public int maxObservedConcurrency() {
        return maxObserved.get();
    }

    /** Calls waiting for capacity. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        int missed = drainRequests.incrementAndGet();
        if (missed != 1) {
            return;
        }
        while (true) {
            List<Waiter> admitted = new ArrayList<>();
            long wakeAfterNanos = admitReady(admitted);
            if (wakeAfterNanos > 0) {
                delayer.after(Duration.ofNanos(wakeAfterNanos)).whenComplete((ignored, failure) -> onWakeup());
            }
            for (Waiter w : admitted) {
                start(w);
            }
            missed = drainRequests.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Moves startable calls from the queue into {@code admitted}; returns a wake-up delay or 0. */
    private long admitReady(List<Waiter> admitted) {
        lock.lock();
        try {
            long now = ticker.nanos();
            while (!queue.isEmpty()) {
                Waiter head = queue.peekFirst();
                if (head.result.isDone()) {
                    queue.pollFirst(); // cancelled by its caller while waiting
                    continue;
                }
                if (policy.maxConcurrent() > 0 && inFlight.get() >= policy.maxConcurrent()) {
                    return 0; // a finishing call will drain again
                }
                long wait = rateWait(head, now);
                if (wait > 0) {
                    if (wakeupScheduled) {
                        return 0;
                    }
                    wakeupScheduled = true;
                    return wait;
                }
                if (requestBucket != null) {
                    requestBucket.take(1, now);
                }
                if (tokenBucket != null) {
                    tokenBucket.take(head.estimatedTokens, now);
                }
                queue.pollFirst();
                int running = inFlight.incrementAndGet();
                maxObserved.accumulateAndGet(running, Math::max);
                admitted.add(head);
            }
            return 0;
        } finally {
            lock.unlock();
        }
    }

    private long rateWait(Waiter head, long now) {
        long wait = 0;
        if (requestBucket != null) {
            wait = requestBucket.nanosUntilAvailable(1, now);
        }
        if (tokenBucket != null) {
            wait = Math.max(wait, tokenBucket.nanosUntilAvailable(head.estimatedTokens, now));
        }
        return wait;
    }

    private void onWakeup() {
        lock.lock();
        try {
            wakeupScheduled = false;
        } finally {
            lock.unlock();
        }
        drain();
    }

    private void start(Waiter w) {
        long admitted = ticker.nanos();
        Futures.call(() -> delegate.chat(w.request)).whenComplete((response, failure) -> {
            release(w, response);
            // the time queued here and the time at the server, which the call log keeps apart
            ChatResponse timed = response == null ? null
                    : response.withTiming(new CallTiming(admitted - w.queuedAt, ticker.nanos() - admitted));
            Futures.complete(w.result, timed, failure);
        });
    }

    private void release(Waiter w, ChatResponse response) {
        lock.lock();
        try {
            inFlight.decrementAndGet();
            // A failed call keeps its estimate: the server may well have counted it.
            if (tokenBucket != null && response != null && !response.cacheHit()) {
                tokenBucket.adjust(w.estimatedTokens - response.usage().totalTokens(), ticker.nanos());
            }
        } finally {
            lock.unlock();
        }
        drain();
    }
}
