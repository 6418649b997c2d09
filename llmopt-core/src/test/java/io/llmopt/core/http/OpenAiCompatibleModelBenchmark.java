package io.llmopt.core.http;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.sim.SimulatedLlmServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-call cost of the HTTP backend against the simulated server at zero latency, sequential and
 * with 32 calls in flight. Runs with {@code mvn -Pbench}; prints figures, asserts only correctness.
 */
@Tag("benchmark")
class OpenAiCompatibleModelBenchmark {

    private static final int CALLS = 20_000;

    @Test
    void zeroLatencyThroughput() {
        try (SimulatedLlmServer sim = SimulatedLlmServer.start();
             OpenAiCompatibleModel model = OpenAiCompatibleModel.builder(sim.baseUrl(), "bench").build()) {
            sim.reply("ok");
            ChatRequest request = ChatRequest.ofUser("ping");
            for (int i = 0; i < 2_000; i++) {
                model.call(request); // warm-up: JIT and connection pool
            }

            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                model.call(request);
            }
            double sequentialMicros = (System.nanoTime() - start) / 1e3 / CALLS;

            Semaphore window = new Semaphore(32);
            List<CompletableFuture<ChatResponse>> calls = new ArrayList<>(CALLS);
            start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                window.acquireUninterruptibly();
                calls.add(model.chat(request).whenComplete((r, e) -> window.release()));
            }
            calls.forEach(CompletableFuture::join);
            double concurrentMicros = (System.nanoTime() - start) / 1e3 / CALLS;

            System.out.printf("OpenAiCompatibleModel vs simulated server, %d calls: sequential %.1f us/call, 32 in flight %.1f us/call (%.0f calls/s)%n",
                    CALLS, sequentialMicros, concurrentMicros, 1e6 / concurrentMicros);
            assertThat(calls).allSatisfy(c -> assertThat(c.join().text()).isEqualTo("ok"));
        }
    }
}
