package io.llmopt.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedLauncherTest {

    private static final List<Integer> RECORDS = IntStream.range(0, 50).boxed().toList();

    @Test
    void neverHasMoreThanTheBoundInFlightAndRunsEveryRecord() throws Exception {
        Queue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Boolean> done = new BoundedLauncher<Integer>(3, () -> false).run(RECORDS, r -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            ran.incrementAndGet();
            CompletableFuture<Void> f = new CompletableFuture<>();
            pending.add(f);
            return f.whenComplete((v, e) -> inFlight.decrementAndGet());
        });
        while (!done.isDone()) {
            CompletableFuture<Void> next = pending.poll();
            assertThat(next).as("a record is in flight while the run is not done").isNotNull();
            next.complete(null);
        }
        assertThat(done.get()).isTrue();
        assertThat(ran).hasValue(RECORDS.size());
        assertThat(most).hasValue(3);
    }

    @Test
    void synchronousChainsDoNotRecurseOncePerRecord() throws Exception {
        List<Integer> many = IntStream.range(0, 100_000).boxed().toList();
        assertThat(new BoundedLauncher<Integer>(4, () -> false)
                .run(many, r -> CompletableFuture.completedFuture(null)).get()).isTrue();
    }

    @Test
    void aStopLetsNoNewRecordStartAndSaysTheRunWasCutShort() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Boolean> done = new BoundedLauncher<Integer>(2, () -> ran.get() >= 10)
                .run(RECORDS, r -> {
                    ran.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                });
        assertThat(done.get()).isFalse();
        assertThat(ran).hasValue(10);
    }

    @Test
    void aFailedChainFailsTheRun() {
        CompletableFuture<Boolean> done = new BoundedLauncher<Integer>(2, () -> false)
                .run(RECORDS, r -> r == 7 ? CompletableFuture.failedFuture(new IllegalStateException("store down"))
                        : CompletableFuture.completedFuture(null));
        assertThatThrownBy(done::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("store down");
    }
}
