package io.llmopt.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.fakes.ManualTime;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.LlmException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RetryingLanguageModelTest {

    private final FakeLanguageModel backend = new FakeLanguageModel("m");
    private final ManualTime time = new ManualTime();
    private final List<RetryEvent> events = new CopyOnWriteArrayList<>();
    private final RetryPolicy policy = RetryPolicy.of(4, Duration.ofMillis(100), Duration.ofSeconds(2));
    private final RetryingLanguageModel retrying =
            new RetryingLanguageModel(backend, policy, events::add, new Random(7), time);

    @Test
    void retriesTransientFailuresUntilASuccess() {
        backend.failNext(1, Kind.SERVER_ERROR).failNext(1, Kind.CONNECTION);

        CompletableFuture<ChatResponse> f = retrying.chat(ChatRequest.ofUser("hi"));
        assertThat(f).isNotDone();
        time.advance(Duration.ofSeconds(5));

        assertThat(f.join().text()).isEqualTo("m-0");
        assertThat(backend.callCount()).isEqualTo(3);
        RetryStats.Snapshot s = retrying.stats().snapshot();
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.retriesByKind()).containsEntry(Kind.SERVER_ERROR, 1L).containsEntry(Kind.CONNECTION, 1L);
        assertThat(s.succeededAfterRetry()).isEqualTo(1);
        assertThat(events).extracting(RetryEvent::attempt).containsExactly(1, 2);
    }

    @Test
    void waitsAtLeastTheRetryAfterTheServerAsksFor() {
        backend.failNext(1, Kind.RATE_LIMITED, Duration.ofSeconds(7));

        CompletableFuture<ChatResponse> f = retrying.chat(ChatRequest.ofUser("hi"));
        time.advance(Duration.ofMillis(6_999));
        assertThat(f).isNotDone();
        assertThat(backend.callCount()).isEqualTo(1);
        time.advance(Duration.ofMillis(1));

        assertThat(f.join().text()).isEqualTo("m-0");
        assertThat(time.requestedDelays()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        backend.failAlways(Kind.TIMEOUT);

        CompletableFuture<ChatResponse> f = retrying.chat(ChatRequest.ofUser("hi"));
        time.advance(Duration.ofMinutes(1));

        assertThat(backend.callCount()).isEqualTo(4);
        assertThatThrownBy(f::join).hasCauseInstanceOf(LlmException.class)
                .cause().hasMessageContaining("timeout").hasMessageContaining("always failing");
        assertThat(retrying.stats().snapshot().gaveUp()).isEqualTo(1);
    }

    @Test
    void nonRetryableFailsAtOnceWithExactlyOneCall() {
        backend.failNext(1, Kind.UNAUTHORIZED);

        CompletableFuture<ChatResponse> f = retrying.chat(ChatRequest.ofUser("hi"));

        assertThat(f).isCompletedExceptionally();
        assertThat(backend.callCount()).isEqualTo(1);
        assertThat(time.requestedDelays()).isEmpty();
        assertThat(LlmException.unwrap(f.handle((r, t) -> t).join(), backend.info()).kind()).isEqualTo(Kind.UNAUTHORIZED);
    }

    @Test
    void backoffIsFullJitterUnderAGrowingCap() {
        RetryPolicy p = RetryPolicy.of(10, Duration.ofMillis(100), Duration.ofMillis(1_000));
        Random random = new Random(1);
        for (int retry = 1; retry <= 8; retry++) {
            long cap = Math.min(1_000, 100L << (retry - 1));
            for (int i = 0; i < 50; i++) {
                assertThat(p.delayBefore(retry, null, random).toMillis()).isBetween(0L, cap);
            }
        }
        assertThat(p.delayBefore(60, null, random)).isLessThanOrEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void sameSeedGivesTheSameDelays() {
        RetryPolicy p = RetryPolicy.defaults();
        Random a = new Random(42);
        Random b = new Random(42);
        for (int retry = 1; retry < 6; retry++) {
            assertThat(p.delayBefore(retry, null, a)).isEqualTo(p.delayBefore(retry, null, b));
        }
    }

    @Test
    void realDelaysDoNotBlockTheCaller() {
        backend.failNext(2, Kind.SERVER_ERROR);
        RetryingLanguageModel real = new RetryingLanguageModel(backend,
                RetryPolicy.of(3, Duration.ofMillis(5), Duration.ofMillis(20)));

        CompletableFuture<ChatResponse> f = real.chat(ChatRequest.ofUser("hi"));

        assertThat(f.join().text()).isEqualTo("m-0");
        assertThat(backend.callCount()).isEqualTo(3);
    }

    @Test
    void cancellingStopsFurtherAttempts() {
        backend.failAlways(Kind.SERVER_ERROR);

        CompletableFuture<ChatResponse> f = retrying.chat(ChatRequest.ofUser("hi"));
        f.cancel(false);
        time.advance(Duration.ofMinutes(1));

        assertThat(backend.callCount()).isEqualTo(1);
    }
}
