package io.llmopt.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.concurrent.Delayer;
import io.llmopt.core.concurrent.Ticker;
import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.fakes.ManualTime;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LlmException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LimitingLanguageModelTest {

    private final FakeLanguageModel backend = new FakeLanguageModel("m");
    private final ManualTime time = new ManualTime();

    @Test
    void queuedCallsWaitForASlotAndStartInOrder() {
        backend.holdReplies();
        LimitingLanguageModel limited = new LimitingLanguageModel(backend, LimitPolicy.concurrency(4), time, time);

        List<CompletableFuture<ChatResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(limited.chat(ChatRequest.ofUser("q" + i)));
        }

        assertThat(backend.inFlight()).isEqualTo(4);
        assertThat(limited.inFlight()).isEqualTo(4);
        assertThat(limited.queued()).isEqualTo(16);
        backend.releaseOne();
        assertThat(backend.callCount()).isEqualTo(5);
        assertThat(backend.calls().get(4).lastUserContent()).isEqualTo("q4");
        while (backend.heldCount() > 0) {
            backend.releaseAll();
        }
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(backend.maxInFlight()).isEqualTo(4);
        assertThat(limited.maxObservedConcurrency()).isEqualTo(4);
        assertThat(limited.inFlight()).isZero();
    }

    @Test
    void slowBackendUnderManyThreadsReachesTheCapExactly() {
        backend.latency(Duration.ofMillis(3));
        LimitingLanguageModel limited = new LimitingLanguageModel(backend, LimitPolicy.concurrency(8));

        List<CompletableFuture<ChatResponse>> futures = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 96; i++) {
                int k = i;
                futures.add(CompletableFuture.supplyAsync(() -> limited.chat(ChatRequest.ofUser("q" + k)), threads)
                        .thenCompose(f -> f));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        }

        assertThat(backend.callCount()).isEqualTo(96);
        assertThat(backend.maxInFlight()).isEqualTo(8);
        assertThat(limited.maxObservedConcurrency()).isEqualTo(8);
    }

    @Test
    void failedCallsFreeTheirSlot() {
        backend.failAlways(Kind.SERVER_ERROR);
        LimitingLanguageModel limited = new LimitingLanguageModel(backend, LimitPolicy.concurrency(1), time, time);

        for (int i = 0; i < 3; i++) {
            assertThat(limited.chat(ChatRequest.ofUser("q"))).isCompletedExceptionally();
        }
        assertThat(limited.inFlight()).isZero();
    }

    @Test
    void requestsPerMinuteSpacesCallsOut() {
        // 60 per minute with a one-second burst: one call now, then one per second.
        LimitingLanguageModel limited = new LimitingLanguageModel(backend, LimitPolicy.of(0, 60, 0), time, time);

        List<CompletableFuture<ChatResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(limited.chat(ChatRequest.ofUser("q" + i)));
        }
        assertThat(backend.callCount()).isEqualTo(1);
        time.advance(Duration.ofMillis(999));
        assertThat(backend.callCount()).isEqualTo(1);
        time.advance(Duration.ofMillis(1));
        assertThat(backend.callCount()).isEqualTo(2);
        time.advance(Duration.ofSeconds(2));
        assertThat(backend.callCount()).isEqualTo(4);
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
    }

    @Test
    void tokensPerMinuteThrottlesAndIsCorrectedByActualUsage() {
        // 600 tokens/min = 10 per second, bucket of 10. Each request: 40 chars = 10 prompt tokens
        // plus max_tokens 10 = 20 estimated; the fake bills 10 + 5 = 15, so 5 come back.
        LimitingLanguageModel limited = new LimitingLanguageModel(backend, LimitPolicy.of(0, 0, 600), time, time);
        ChatRequest req = ChatRequest.builder().user("x".repeat(40)).maxTokens(10).build();

        limited.chat(req);
        limited.chat(req);
        assertThat(backend.callCount()).isEqualTo(1);
        // Bucket: 10 - 20 + 5 = -5, so the second call needs 15 tokens of refill: 1.5 s.
        time.advance(Duration.ofMillis(1_400));
        assertThat(backend.callCount()).isEqualTo(1);
        time.advance(Duration.ofMillis(200));
        assertThat(backend.callCount()).isEqualTo(2);
    }

    @Test
    void estimateUsesPromptCharactersAndCompletionCap() {
        ChatRequest req = ChatRequest.builder().system("abcd").user("efghijkl").maxTokens(100).n(3).build();
        assertThat(TokenEstimate.of(req, 512)).isEqualTo(3 + 300);
        assertThat(TokenEstimate.of(req.toBuilder().maxTokens(null).build(), 50)).isEqualTo(3 + 150);
    }

    @Test
    void unlimitedPolicyPassesStraightThrough() {
        LimitingLanguageModel limited = new LimitingLanguageModel(backend, LimitPolicy.unlimited(), Ticker.SYSTEM, Delayer.SYSTEM);
        backend.holdReplies();
        for (int i = 0; i < 50; i++) {
            limited.chat(ChatRequest.ofUser("q"));
        }
        assertThat(backend.inFlight()).isEqualTo(50);
        backend.releaseAll();
    }
}
