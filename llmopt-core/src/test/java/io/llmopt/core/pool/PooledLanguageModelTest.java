package io.llmopt.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.fakes.ManualTime;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LlmException.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PooledLanguageModelTest {

    private final FakeLanguageModel a = new FakeLanguageModel("m", "http://a/v1");
    private final FakeLanguageModel b = new FakeLanguageModel("m", "http://b/v1");
    private final FakeLanguageModel c = new FakeLanguageModel("m", "http://c/v1");
    private final ManualTime time = new ManualTime();
    private final PooledLanguageModel pool = new PooledLanguageModel(List.of(a, b, c), new PoolPolicy(2, Duration.ofSeconds(10)), time);
    private final ChatRequest req = ChatRequest.ofUser("q");

    @Test
    void tiesAreTakenInTurn() {
        for (int i = 0; i < 6; i++) {
            pool.call(req);
        }
        assertThat(List.of(a.callCount(), b.callCount(), c.callCount())).containsExactly(2, 2, 2);
    }

    @Test
    void sendsToTheMemberWithFewestOutstanding() {
        a.holdReplies();
        b.holdReplies();
        c.holdReplies();
        for (int i = 0; i < 6; i++) {
            pool.chat(req);
        }
        assertThat(List.of(a.heldCount(), b.heldCount(), c.heldCount())).containsExactly(2, 2, 2);

        b.releaseAll(); // b is now idle, the others still hold two each
        pool.chat(req);
        pool.chat(req);
        assertThat(b.callCount()).isEqualTo(4);
        assertThat(pool.status()).extracting(PoolMemberStatus::outstanding).containsExactly(2, 2, 2);
    }

    @Test
    void ejectsAFailingMemberAndRestoresItAfterTheCoolDown() {
        a.failAlways(Kind.CONNECTION);
        for (int i = 0; i < 9; i++) {
            pool.chat(req);
        }
        assertThat(a.callCount()).isEqualTo(2);
        assertThat(pool.status().get(0).ejected()).isTrue();

        a.recover();
        time.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 6; i++) {
            pool.call(req);
        }
        assertThat(a.callCount()).isEqualTo(4);
        assertThat(pool.status().get(0).ejected()).isFalse();
    }

    @Test
    void aFailedTrialCallEjectsAgainAtOnce() {
        a.failAlways(Kind.SERVER_ERROR);
        for (int i = 0; i < 6; i++) {
            pool.chat(req);
        }
        time.advance(Duration.ofSeconds(11));
        for (int i = 0; i < 6; i++) {
            pool.chat(req);
        }
        assertThat(a.callCount()).isEqualTo(3);
        assertThat(pool.status().get(0).ejected()).isTrue();
    }

    @Test
    void nonRetryableErrorsDoNotEject() {
        a.failAlways(Kind.BAD_REQUEST);
        for (int i = 0; i < 9; i++) {
            pool.chat(req);
        }
        assertThat(a.callCount()).isEqualTo(3);
        assertThat(pool.status().get(0).ejected()).isFalse();
    }

    /** A member never started does not fail the pool: it is ejected like a broken one while the others answer. */
    @Test
    void anUnreachableMemberIsEjectedAndOnlyAllUnreachableFailsAsUnreachable() {
        a.failAlways(Kind.UNREACHABLE);
        assertThat(pool.chat(req)).failsWithin(Duration.ofSeconds(1)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(io.llmopt.core.llm.LlmException.class,
                        e -> assertThat(e.kind()).as("retryable: others may answer").isEqualTo(Kind.CONNECTION));
        assertThat(pool.status().get(0).consecutiveFailures()).isEqualTo(1);
        pool.chat(req); // b
        pool.chat(req); // c
        pool.chat(req); // a again: ejected after two failures
        for (int i = 0; i < 6; i++) {
            assertThat(pool.chat(req)).isCompleted();
        }
        assertThat(a.callCount()).isEqualTo(2);
        assertThat(pool.status().get(0).ejected()).isTrue();

        PooledLanguageModel dead = new PooledLanguageModel(List.of(new FakeLanguageModel("m", "http://x/v1").failAlways(Kind.UNREACHABLE),
                new FakeLanguageModel("m", "http://y/v1").failAlways(Kind.UNREACHABLE)), new PoolPolicy(2, Duration.ofSeconds(10)), time);
        dead.chat(req);
        assertThat(dead.chat(req)).failsWithin(Duration.ofSeconds(1)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(io.llmopt.core.llm.LlmException.class,
                        e -> assertThat(e.kind()).as("every member unreachable").isEqualTo(Kind.UNREACHABLE));
    }

    @Test
    void whenAllAreEjectedTheOneEjectedLongestAgoIsUsed() {
        a.failAlways(Kind.TIMEOUT);
        b.failAlways(Kind.TIMEOUT);
        c.failAlways(Kind.TIMEOUT);
        pool.chat(req); // a
        pool.chat(req); // b
        pool.chat(req); // c
        pool.chat(req); // a ejected
        time.advance(Duration.ofSeconds(1));
        pool.chat(req); // b ejected
        pool.chat(req); // c ejected
        assertThat(pool.status()).allMatch(PoolMemberStatus::ejected);

        pool.chat(req);
        assertThat(a.callCount()).isEqualTo(3);
    }

    @Test
    void infoDescribesThePool() {
        assertThat(pool.info().model()).isEqualTo("m");
        assertThat(pool.info().endpoint()).contains("http://a/v1", "http://b/v1", "http://c/v1");
    }
}
