package io.llmopt.core.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.InMemoryResponseCache;
import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.stack.ModelStack;
import io.llmopt.core.store.CallTotals;
import io.llmopt.core.store.RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call ledger: a call is in the run store as {@code sent}, at its estimated price, before its
 * request leaves, and is settled when it returns; a call whose reply never comes back (the process
 * was killed) stays counted at its estimate.
 */
class CallLedgerTest {

    @TempDir
    Path dir;

    private static final PriceTable PRICES = PriceTable.empty().with("m", 1_000_000, 2_000_000); // $1 a prompt token, $2 a completion token

    private ModelStack stack(FakeLanguageModel backend, RunStore store, String runId, boolean withCache) {
        ModelStack.Builder b = ModelStack.builder(ModelRoles.SCORER, backend).prices(PRICES)
                .callListener(store.callLog(runId)).retry(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(2)));
        if (withCache) {
            b.cache(new InMemoryResponseCache(), CacheMode.READ_WRITE);
        }
        return b.build();
    }

    private static ChatRequest request(String text) {
        return ChatRequest.builder().user(text).maxTokens(10).build();
    }

    @Test
    void aCallIsInTheLedgerBeforeItsRequestLeavesAndIsSettledWhenItReturns() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun("test", "ledger", null).id();
            FakeLanguageModel backend = new FakeLanguageModel("m").holdReplies();
            ModelStack scorer = stack(backend, store, runId, false);

            CompletableFuture<ChatResponse> call = scorer.chat(request("abcdefgh")); // 2 prompt tokens
            // held, not only seen: the fake logs a call a moment before it holds its reply, and a
            // release in between would release nothing (this test hung once under load)
            waitFor(() -> backend.heldCount() == 1);
            // what a kill now leaves: the store's committed state while the reply is outstanding
            List<LlmCallRecord> sent = store.calls(runId);
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).settled()).isFalse();
            assertThat(sent.get(0).requests()).isEqualTo(1);
            assertThat(sent.get(0).cost()).as("the estimate: 2 prompt tokens, 10 completion tokens")
                    .isGreaterThanOrEqualTo(2 + 2 * 10.0);
            CallTotals unsettled = store.callTotals(runId);
            assertThat(unsettled.unsettled()).isEqualTo(1);
            assertThat(unsettled.unsettledCost()).isEqualTo(sent.get(0).cost());
            assertThat(unsettled.requests()).isEqualTo(1);

            backend.releaseAll();
            call.get(5, TimeUnit.SECONDS);
            store.flush();
            List<LlmCallRecord> settled = store.calls(runId);
            assertThat(settled).as("settled in place, not logged twice").hasSize(1);
            assertThat(settled.get(0).settled()).isTrue();
            assertThat(settled.get(0).callKey()).isEqualTo(sent.get(0).callKey());
            assertThat(settled.get(0).completionTokens()).isEqualTo(FakeLanguageModel.COMPLETION_TOKENS_PER_SAMPLE);
            assertThat(settled.get(0).cost()).isEqualTo(PRICES.cost("m", new io.llmopt.core.llm.TokenUsage(
                    settled.get(0).promptTokens(), settled.get(0).completionTokens())));
            CallTotals totals = store.callTotals(runId);
            assertThat(totals.unsettled()).isZero();
            assertThat(totals.cost()).isEqualTo(settled.get(0).cost());
        }
    }

    @Test
    void everyAttemptIsCountedAndACacheHitSendsNothing() throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun("test", "ledger", null).id();
            FakeLanguageModel backend = new FakeLanguageModel("m").failNext(2, LlmException.Kind.SERVER_ERROR);
            ModelStack scorer = stack(backend, store, runId, true);

            scorer.chat(request("retried")).get(5, TimeUnit.SECONDS);
            ChatResponse hit = scorer.chat(request("retried")).get(5, TimeUnit.SECONDS);
            store.flush();

            assertThat(hit.cacheHit()).isTrue();
            List<LlmCallRecord> calls = store.calls(runId);
            assertThat(calls).hasSize(2).allSatisfy(c -> assertThat(c.settled()).isTrue());
            assertThat(calls.get(0).requests()).as("two failed attempts and the answered one").isEqualTo(3);
            assertThat(calls.get(1).requests()).isZero();
            assertThat(calls.get(1).callKey()).isNull();
            assertThat(store.callTotals(runId).requests()).isEqualTo(backend.calls().size()).isEqualTo(3);
        }
    }

    @Test
    void aCallWhoseReplyIsLostStaysCountedAtItsEstimateAfterReopening() throws Exception {
        Path file = dir.resolve("runs.db");
        String runId;
        double estimate;
        try (RunStore store = RunStore.open(file)) {
            runId = store.createRun("test", "ledger", null).id();
            FakeLanguageModel backend = new FakeLanguageModel("m").holdReplies();
            ModelStack scorer = stack(backend, store, runId, false);
            scorer.chat(request("lost"));
            waitFor(() -> backend.heldCount() == 1);
            estimate = store.callTotals(runId).cost();
            // the process "dies": the store closes with the reply never recorded
        }
        try (RunStore reopened = RunStore.open(file)) {
            CallTotals totals = reopened.callTotals(runId);
            assertThat(totals.calls()).isEqualTo(1);
            assertThat(totals.unsettled()).isEqualTo(1);
            assertThat(totals.cost()).isEqualTo(estimate).isPositive();
            assertThat(totals.hasEstimate()).isTrue();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(2);
        }
    }
}
