package io.llmopt.core.fakes;

import io.llmopt.core.concurrent.Delayer;
import io.llmopt.core.concurrent.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/** Time that only moves when the test says so: a {@link Ticker} and a {@link Delayer} in one. */
public final class ManualTime implements Ticker, Delayer {

    private record Timer(long dueNanos, long order, CompletableFuture<Void> future) {
    }

    private long now = 1_000_000_000L;
    private long order;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            (a, b) -> a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final List<Duration> requested = new ArrayList<>();

    @Override
    public synchronized long nanos() {
        return now;
    }

    @Override
    public CompletableFuture<Void> after(Duration delay) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            requested.add(delay);
            timers.add(new Timer(now + delay.toNanos(), order++, f));
        }
        return f;
    }

    /** Moves time forward, firing every timer that falls due, in order. */
    public void advance(Duration step) {
        long target;
        synchronized (this) {
            target = now + step.toNanos();
        }
        while (true) {
            Timer next;
            synchronized (this) {
                next = timers.peek();
                if (next == null || next.dueNanos > target) {
                    now = target;
                    return;
                }
                timers.poll();
                now = Math.max(now, next.dueNanos);
            }
            next.future.complete(null);
        }
    }

    public synchronized List<Duration> requestedDelays() {
        return List.copyOf(requested);
    }

    public synchronized int pendingTimers() {
        return timers.size();
    }
}
