package io.llmopt.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.llm.ChatRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Achieved concurrency under a cap: {@code mvn -Pbench -pl llmopt-core test -Dtest=LimitingLanguageModelBenchmark}. */
@Tag("benchmark")
class LimitingLanguageModelBenchmark {

    @Test
    void slowBackendKeepsTheCapFull() {
        int limit = 32;
        int calls = 1_600;
        long latencyMillis = 20;
        FakeLanguageModel backend = new FakeLanguageModel("m").latency(Duration.ofMillis(latencyMillis));
        LimitingLanguageModel limited = new LimitingLanguageModel(backend, LimitPolicy.concurrency(limit));

        long t0 = System.nanoTime();
        CompletableFuture.allOf(IntStream.range(0, calls)
                .mapToObj(i -> limited.chat(ChatRequest.ofUser("q" + i)))
                .toArray(CompletableFuture[]::new)).join();
        double wallMillis = (System.nanoTime() - t0) / 1e6;

        // Busy time over wall time: the average number of calls in flight.
        double achieved = calls * latencyMillis / wallMillis;
        System.out.printf("limit %d: max in flight %d, average %.1f (%.0f%% of the limit) over %.0f ms%n",
                limit, backend.maxInFlight(), achieved, 100 * achieved / limit, wallMillis);
        assertThat(backend.maxInFlight()).isEqualTo(limit);
    }
}
