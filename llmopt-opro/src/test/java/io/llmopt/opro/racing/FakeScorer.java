package io.llmopt.opro.racing;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A scorer that answers from fixed per-example results and counts its calls. */
final class FakeScorer implements RacingScorer {

    private final Map<String, boolean[]> results;
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, AtomicInteger> callsPerInstruction = new ConcurrentHashMap<>();

    FakeScorer(Map<String, boolean[]> results) {
        this.results = results;
    }

    @Override
    public CompletableFuture<Boolean> score(String instruction, int exampleIndex) {
        calls.incrementAndGet();
        callsPerInstruction.computeIfAbsent(instruction, i -> new AtomicInteger()).incrementAndGet();
        return CompletableFuture.completedFuture(results.get(instruction)[exampleIndex]);
    }

    int calls() {
        return calls.get();
    }

    int calls(String instruction) {
        AtomicInteger n = callsPerInstruction.get(instruction);
        return n == null ? 0 : n.get();
    }

    /** {@code correct} true results out of {@code size}, the true ones first. */
    static boolean[] firstCorrect(int size, int correct) {
        boolean[] r = new boolean[size];
        for (int i = 0; i < correct; i++) {
            r[i] = true;
        }
        return r;
    }
}
