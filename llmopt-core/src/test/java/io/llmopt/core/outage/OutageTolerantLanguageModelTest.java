package io.llmopt.core.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.fakes.ManualTime;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.Completion;
import io.llmopt.core.llm.FinishReason;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.core.llm.TokenUsage;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.LlmException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The outage layer over a fake model, in manual time: no test here sleeps. */
@Timeout(10)
class OutageTolerantLanguageModelTest {

    private final FakeLanguageModel backend = new FakeLanguageModel("m", "http://gpu-box:8000/v1");
    private final ManualTime time = new ManualTime();
    private final List<OutageEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final OutageTolerantLanguageModel model = new OutageTolerantLanguageModel(backend, "qwen",
            OutagePolicy.waitingUpTo(Duration.ofMinutes(10)), events::add, stopping::get, time, time);

    @Test
    void aCallWaitsForTheEndpointAndCompletesOnceItIsBack() {
        backend.failAlways(Kind.CONNECTION);

        CompletableFuture<ChatResponse> f = model.chat(ChatRequest.ofUser("hi"));
        time.advance(Duration.ofMinutes(3));
        assertThat(f).isNotDone();
        assertThat(model.down()).isTrue();
        int attemptsWhileDown = backend.callCount();

        backend.recover();
        time.advance(Duration.ofSeconds(30));

        assertThat(f.join().text()).isEqualTo("m-0");
        assertThat(attemptsWhileDown).as("1, 2, 4, 8, 16 s, then every 30 s for 3 min").isBetween(8, 12);
        assertThat(events).extracting(OutageEvent::type).containsExactly(OutageEvent.Type.DOWN, OutageEvent.Type.UP);
        assertThat(events.get(0).message()).contains("http://gpu-box:8000/v1", "model m", "connection", "waiting up to 10 min",
                "Ctrl-C");
        assertThat(events.get(1).duration()).isBetween(Duration.ofMinutes(3), Duration.ofMinutes(4));
        assertThat(model.down()).isFalse();
    }

    @Test
    void probesBackOffFromOneSecondToThirty() {
        backend.failAlways(Kind.SERVER_ERROR);
        model.chat(ChatRequest.ofUser("hi"));
        time.advance(Duration.ofMinutes(5));

        assertThat(time.requestedDelays()).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void manyWaitingCallsAnnounceOneOutageAndAllResumeAtTheFirstSuccess() {
        backend.failAlways(Kind.TIMEOUT);
        List<CompletableFuture<ChatResponse>> calls = List.of(model.chat(ChatRequest.ofUser("a")),
                model.chat(ChatRequest.ofUser("b")), model.chat(ChatRequest.ofUser("c")));
        time.advance(Duration.ofMinutes(2));
        assertThat(model.waitingCalls()).isEqualTo(3);

        backend.recover();
        CompletableFuture<ChatResponse> probe = model.chat(ChatRequest.ofUser("d"));

        assertThat(probe.join()).isNotNull();
        assertThat(calls).allSatisfy(c -> assertThat(c).as("woken by the success, not their next probe").isCompleted());
        assertThat(events).extracting(OutageEvent::type).containsExactly(OutageEvent.Type.DOWN, OutageEvent.Type.UP);
        assertThat(backend.calls()).extracting(r -> r.messages().get(0).content())
                .as("each request answered once").filteredOn(t -> !t.isEmpty()).hasSizeGreaterThan(4);
    }

    @Test
    void failsWithTheLastErrorNamingTheSettingOnceTheMaximumHasPassed() {
        backend.failAlways(Kind.CONNECTION);
        CompletableFuture<ChatResponse> f = model.chat(ChatRequest.ofUser("hi"));
        time.advance(Duration.ofMinutes(9));
        assertThat(f).isNotDone();
        time.advance(Duration.ofMinutes(2));

        assertThat(failure(f)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.CONNECTION);
            assertThat(e.getMessage()).contains("http://gpu-box:8000/v1", "model m", "models.qwen.max_outage_seconds=600",
                    "raise it", "not answering for 10 min").doesNotContain("\n");
        });
        assertThat(events).extracting(OutageEvent::type).containsExactly(OutageEvent.Type.DOWN);
    }

    @Test
    void aStopFailsWaitingCallsAtOnce() {
        backend.failAlways(Kind.SERVER_ERROR);
        CompletableFuture<ChatResponse> f = model.chat(ChatRequest.ofUser("hi"));
        time.advance(Duration.ofSeconds(10));

        model.abandonWaits();

        assertThat(failure(f).getMessage()).contains("stop requested while waiting");
        assertThat(model.waitingCalls()).isZero();
        int calls = backend.callCount();
        time.advance(Duration.ofMinutes(1));
        assertThat(backend.callCount()).as("no attempt after the stop").isEqualTo(calls);
    }

    @Test
    void aStopAskedElsewhereEndsTheWaitAtTheNextProbe() {
        backend.failAlways(Kind.SERVER_ERROR);
        CompletableFuture<ChatResponse> f = model.chat(ChatRequest.ofUser("hi"));
        time.advance(Duration.ofSeconds(10));
        stopping.set(true);
        time.advance(Duration.ofSeconds(30));

        assertThat(failure(f).getMessage()).contains("stop requested");
    }

    @Test
    void aFailureWhileOthersGetThroughIsAboutTheRequestAndIsNotAnnounced() {
        HandCompletedModel hand = new HandCompletedModel();
        OutageTolerantLanguageModel m = new OutageTolerantLanguageModel(hand, "qwen",
                OutagePolicy.waitingUpTo(Duration.ofMinutes(10)), events::add, () -> false, time, time);
        CompletableFuture<ChatResponse> bad = m.chat(ChatRequest.ofUser("bad"));
        m.chat(ChatRequest.ofUser("good"));
        hand.answer(1);
        hand.fail(0, Kind.SERVER_ERROR);
        assertThat(bad).as("one more round: it might have straddled the start of an outage").isNotDone();

        time.advance(Duration.ofSeconds(1));
        m.chat(ChatRequest.ofUser("good again"));
        hand.answer(3);
        hand.fail(2, Kind.SERVER_ERROR);

        assertThat(failure(bad).kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(events).isEmpty();
        assertThat(m.down()).isFalse();
    }

    @Test
    void aProbeSentJustBeforeTheEndpointCameBackTriesAgainInsteadOfFailing() {
        HandCompletedModel hand = new HandCompletedModel();
        OutageTolerantLanguageModel m = new OutageTolerantLanguageModel(hand, "qwen",
                OutagePolicy.waitingUpTo(Duration.ofMinutes(10)), events::add, () -> false, time, time);
        CompletableFuture<ChatResponse> early = m.chat(ChatRequest.ofUser("early"));
        CompletableFuture<ChatResponse> late = m.chat(ChatRequest.ofUser("late"));
        hand.fail(hand.last("early"), Kind.SERVER_ERROR);
        hand.fail(hand.last("late"), Kind.SERVER_ERROR);
        time.advance(Duration.ofSeconds(1));
        assertThat(hand.pending()).as("both probing").isEqualTo(2);

        // the endpoint comes back between the two probes: the later one is answered first
        hand.answer(hand.last("late"));
        hand.fail(hand.last("early"), Kind.SERVER_ERROR);
        assertThat(early).as("a failure straddling the recovery is not this request's fault").isNotDone();

        time.advance(Duration.ofSeconds(1));
        hand.answer(hand.last("early"));

        assertThat(early.join().text()).isEqualTo("ok");
        assertThat(late.join().text()).isEqualTo("ok");
        assertThat(events).extracting(OutageEvent::type).containsExactly(OutageEvent.Type.DOWN, OutageEvent.Type.UP);
    }

    @Test
    void permanentFailuresPropagateAtOnce() {
        backend.failNext(1, Kind.UNAUTHORIZED);
        assertThat(failure(model.chat(ChatRequest.ofUser("hi"))).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(backend.callCount()).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void zeroMaximumNeverWaits() {
        OutageTolerantLanguageModel off = new OutageTolerantLanguageModel(backend, "qwen", OutagePolicy.disabled(),
                events::add, () -> false, time, time);
        backend.failNext(1, Kind.CONNECTION);
        assertThat(failure(off.chat(ChatRequest.ofUser("hi"))).kind()).isEqualTo(Kind.CONNECTION);
        assertThat(events).isEmpty();
    }

    @Test
    void theReasonIsOneLineWithoutRepeatingEndpointOrAdvice() {
        LlmException e = backend.failure(Kind.CONNECTION, "Connection refused\r\n\tat somewhere", null);
        assertThat(OutageTolerantLanguageModel.reason(e)).isEqualTo("connection: Connection refused at somewhere");
    }

    /** A model whose calls stay pending until the test answers or fails them, by call number. */
    private static final class HandCompletedModel implements LanguageModel {
        private final List<CompletableFuture<ChatResponse>> calls = new CopyOnWriteArrayList<>();
        private final List<String> prompts = new CopyOnWriteArrayList<>();
        private final ModelInfo info = new ModelInfo("fake", "m", "http://gpu-box:8000/v1");

        @Override
        public CompletableFuture<ChatResponse> chat(ChatRequest request) {
            CompletableFuture<ChatResponse> f = new CompletableFuture<>();
            prompts.add(request.messages().get(request.messages().size() - 1).content());
            calls.add(f);
            return f;
        }

        @Override
        public ModelInfo info() {
            return info;
        }

        /** The number of the latest call with this prompt. */
        int last(String prompt) {
            return prompts.lastIndexOf(prompt);
        }

        long pending() {
            return calls.stream().filter(f -> !f.isDone()).count();
        }

        void answer(int call) {
            calls.get(call).complete(new ChatResponse(List.of(new Completion("ok",
                    FinishReason.STOP)), new TokenUsage(1, 1), "m", false));
        }

        void fail(int call, Kind kind) {
            calls.get(call).completeExceptionally(new LlmException(kind, info, "scripted", null, null));
        }
    }

    private static LlmException failure(CompletableFuture<ChatResponse> f) {
        assertThat(f).isDone();
        try {
            f.join();
        } catch (CompletionException e) {
            return (LlmException) e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }
}
