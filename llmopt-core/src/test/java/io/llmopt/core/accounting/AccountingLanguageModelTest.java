package io.llmopt.core.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.cache.InMemoryResponseCache;
import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelRoles;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccountingLanguageModelTest {

    private final UsageLedger ledger = new UsageLedger();
    private final List<LlmCallRecord> records = new CopyOnWriteArrayList<>();
    // 40 characters = 10 prompt tokens; the fake bills 5 completion tokens per sample.
    private final ChatRequest request = ChatRequest.ofUser("x".repeat(40));
    private final PriceTable prices = PriceTable.empty().with("m", 1_000_000, 2_000_000); // $1 / $2 per token

    @Test
    void booksTokensAndCostPerRoleAndInTotal() {
        AccountingLanguageModel scorer = new AccountingLanguageModel(new FakeLanguageModel("m"), ModelRoles.SCORER, ledger, prices, records::add);
        AccountingLanguageModel optimizer = new AccountingLanguageModel(new FakeLanguageModel("m"), ModelRoles.OPTIMIZER, ledger, prices, records::add);

        scorer.call(request);
        scorer.call(request);
        optimizer.call(request.withN(4));

        UsageSnapshot s = ledger.snapshot();
        assertThat(s.role(ModelRoles.SCORER)).isEqualTo(new Usage(2, 0, 0, 20, 10, 20 + 20));
        assertThat(s.role(ModelRoles.OPTIMIZER)).isEqualTo(new Usage(1, 0, 0, 10, 20, 10 + 40));
        assertThat(s.total()).isEqualTo(new Usage(3, 0, 0, 30, 30, 90));
        assertThat(records).hasSize(3);
        LlmCallRecord last = records.get(2);
        assertThat(last.role()).isEqualTo(ModelRoles.OPTIMIZER);
        assertThat(last.model()).isEqualTo("fake:m");
        assertThat(last.samples()).isEqualTo(4);
        assertThat(last.cost()).isEqualTo(50.0);
        assertThat(last.error()).isNull();
        assertThat(last.requestHash()).hasSize(64);
    }

    @Test
    void cacheHitsCostNothing() {
        FakeLanguageModel backend = new FakeLanguageModel("m");
        AccountingLanguageModel model = new AccountingLanguageModel(
                new CachingLanguageModel(backend, new InMemoryResponseCache(), CacheMode.READ_WRITE),
                ModelRoles.SCORER, ledger, prices, records::add);

        model.call(request);
        model.call(request);

        Usage u = ledger.usageOf(ModelRoles.SCORER);
        assertThat(u.calls()).isEqualTo(2);
        assertThat(u.cacheHits()).isEqualTo(1);
        assertThat(u.cost()).isEqualTo(10 * 1.0 + 5 * 2.0);
        assertThat(records.get(1).cacheHit()).isTrue();
        assertThat(records.get(1).cost()).isZero();
        assertThat(records.get(1).promptTokens()).isZero();
    }

    @Test
    void errorsAreCountedWithTheirKind() {
        FakeLanguageModel backend = new FakeLanguageModel("m").failNext(1, LlmException.Kind.BAD_REQUEST);
        AccountingLanguageModel model = new AccountingLanguageModel(backend, ModelRoles.JUDGE, ledger, prices, records::add);

        assertThatThrownBy(() -> model.call(request)).isInstanceOf(LlmException.class);

        assertThat(ledger.total().errors()).isEqualTo(1);
        assertThat(ledger.total().calls()).isEqualTo(1);
        assertThat(records.get(0).error()).isEqualTo(LlmException.Kind.BAD_REQUEST);
    }

    @Test
    void unpricedModelsCostZeroAndAreFlagged() {
        AccountingLanguageModel model = new AccountingLanguageModel(new FakeLanguageModel("llama-local"),
                ModelRoles.SCORER, ledger, PriceTable.defaults(), CallListener.NONE);

        model.call(request);

        assertThat(ledger.total().cost()).isZero();
        assertThat(ledger.total().promptTokens()).isEqualTo(10);
        assertThat(ledger.snapshot().unpricedModels()).containsExactly("llama-local");
    }

    @Test
    void sumsStayExactUnderConcurrentCalls() {
        FakeLanguageModel backend = new FakeLanguageModel("m").latency(java.time.Duration.ofMillis(1));
        AccountingLanguageModel model = new AccountingLanguageModel(backend, ModelRoles.SCORER, ledger, prices, records::add);

        CompletableFuture.allOf(IntStream.range(0, 200)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> model.chat(request)).thenCompose(f -> f))
                .toArray(CompletableFuture[]::new)).join();

        assertThat(ledger.total().calls()).isEqualTo(200);
        assertThat(ledger.total().totalTokens()).isEqualTo(200 * 15);
        assertThat(ledger.total().cost()).isCloseTo(200 * 20.0, within(1e-6));
        assertThat(records).hasSize(200);
    }

    @Test
    void aThrowingListenerDoesNotFailTheCall() {
        AccountingLanguageModel model = new AccountingLanguageModel(new FakeLanguageModel("m"), ModelRoles.SCORER, ledger, prices,
                call -> {
                    throw new IllegalStateException("store closed");
                });
        assertThat(model.call(request).text()).isEqualTo("m-0");
    }
}
