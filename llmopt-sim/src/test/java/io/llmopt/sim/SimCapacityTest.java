package io.llmopt.sim;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class SimCapacityTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    @Test
    void queuesBeyondCapacityAndObservesExactlyCapacityAtOnce() throws Exception {
        sim.capacity(3).latency(Duration.ofMillis(150));
        long start = System.nanoTime();

        List<Integer> statuses = sendConcurrently(sim, 9);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(statuses).containsOnly(200).hasSize(9);
        assertThat(sim.stats().maxConcurrency()).isEqualTo(3);
        assertThat(sim.stats().inFlight()).isZero();
        // 9 requests through 3 slots of 150 ms each take at least three rounds
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(440));
    }

    @Test
    void unlimitedCapacityRunsAllAtOnce() throws Exception {
        // each request is held until all six are being processed (or 10 s pass), so the figure does
        // not depend on how fast a loaded machine sends them
        java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(6);
        sim.latency(request -> {
            all.countDown();
            try {
                all.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Duration.ZERO;
        });

        sendConcurrently(sim, 6);

        assertThat(sim.stats().maxConcurrency()).isEqualTo(6);
    }

    @Test
    void latencyCanDependOnTheRequest() {
        sim.latency(request -> Duration.ofMillis(request.lastUserMessage().equals("slow") ? 200 : 0));

        long start = System.nanoTime();
        SimClient.post(sim, SimClient.chat("fast", null));
        long fast = System.nanoTime() - start;
        start = System.nanoTime();
        SimClient.post(sim, SimClient.chat("slow", null));
        long slow = System.nanoTime() - start;

        assertThat(Duration.ofNanos(slow)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(fast).isLessThan(slow);
    }

    private static List<Integer> sendConcurrently(SimulatedLlmServer sim, int count) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> SimClient.post(sim, SimClient.chat("go", null)).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        }
    }
}
