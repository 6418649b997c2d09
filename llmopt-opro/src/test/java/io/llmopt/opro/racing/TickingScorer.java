package io.llmopt.opro.racing;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A scorer model simulated in discrete time: every call takes one tick, at most {@code capacity}
 * run per tick (FIFO, like the model stack's limiter in front of a server of that capacity), and
 * answers come from fixed per-example results. Counting ticks until a race ends gives its latency
 * in units of one scorer call, with no clock involved.
 */
final class TickingScorer implements RacingScorer {

    private record Call(CompletableFuture<Boolean> future, boolean correct) {
    }

    private final Map<String, boolean[]> results;
    private final int capacity;
    private final ArrayDeque<Call> queue = new ArrayDeque<>();
    private long calls;

    TickingScorer(Map<String, boolean[]> results, int capacity) {
        this.results = results;
        this.capacity = capacity;
    }

    @Override
    public CompletableFuture<Boolean> score(String instruction, int exampleIndex) {
        CompletableFuture<Boolean> future = new CompletableFuture<>();
        queue.add(new Call(future, results.get(instruction)[exampleIndex]));
        calls++;
        return future;
    }

    /** Runs {@code future} to completion; returns the ticks it took. */
    long runUntilDone(CompletableFuture<?> future) {
        long ticks = 0;
        while (!future.isDone()) {
            if (queue.isEmpty()) {
                throw new IllegalStateException("race waits but no call is pending");
            }
            // Calls started while this tick's answers are handled run in the next tick.
            int n = Math.min(capacity, queue.size());
            Call[] tick = new Call[n];
            for (int i = 0; i < n; i++) {
                tick[i] = queue.poll();
            }
            for (Call call : tick) {
                call.future().complete(call.correct());
            }
            ticks++;
        }
        return ticks;
    }

    long calls() {
        return calls;
    }
}
