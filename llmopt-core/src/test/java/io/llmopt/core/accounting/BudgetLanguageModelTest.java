package io.llmopt.core.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.TokenUsage;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BudgetLanguageModelTest {

    private static final PriceTable PRICES = PriceTable.empty().with("m", 100_000, 100_000); // $0.10 per token

    private final UsageLedger ledger = new UsageLedger();
    private final FakeLanguageModel backend = new FakeLanguageModel("m");
    private final ChatRequest request = ChatRequest.ofUser("x".repeat(40)); // 10 + 5 tokens per call

    private AccountingLanguageModel stack(Budget budget) {
        return new AccountingLanguageModel(new BudgetLanguageModel(backend, ledger, budget, PRICES), "scorer", ledger,
                PRICES, CallListener.NONE);
    }

    @Test
    void tokenCapStopsNewCallsWithAClearMessage() {
        AccountingLanguageModel model = stack(Budget.tokens(40));
        model.call(request);
        model.call(request);
        model.call(request); // 45 tokens now: over the cap

        assertThatThrownBy(() -> model.call(request))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.BUDGET_EXCEEDED))
                .hasMessageContaining("token budget reached: 45 tokens spent of a 40-token cap");
        assertThat(backend.callCount()).isEqualTo(3);
        assertThat(ledger.total().errors()).isEqualTo(1);
    }

    @Test
    void costCapStopsNewCalls() {
        AccountingLanguageModel model = stack(Budget.cost(2.0));
        model.call(request); // $1.50
        model.call(request); // $3.00

        assertThatThrownBy(() -> model.call(request)).hasMessageContaining("cost budget reached: $3.0000 spent of a $2.00 cap");
        assertThat(backend.callCount()).isEqualTo(2);
    }

    @Test
    void aCallThatCouldCrossTheCapWhileAnotherIsInFlightIsRefusedBeforeItIsSent() {
        backend.holdReplies();
        AccountingLanguageModel model = stack(Budget.tokens(100));
        CompletableFuture<ChatResponse> a = model.chat(request.toBuilder().maxTokens(50).build()); // about 60 reserved
        CompletableFuture<ChatResponse> b = model.chat(request.toBuilder().maxTokens(50).build()); // 120 could cross 100

        assertThat(b).isCompletedExceptionally();
        assertThatThrownBy(b::join).hasMessageContaining("could cross it");
        backend.releaseAll();
        assertThat(a.join().text()).isNotEmpty();
        assertThat(backend.callCount()).isEqualTo(1);
        // the reservation became the 15 tokens really used: room again for a call of about 60
        CompletableFuture<ChatResponse> c = model.chat(request.toBuilder().maxTokens(50).build());
        backend.releaseAll();
        assertThat(c.join().text()).isNotEmpty();
    }

    @Test
    void aCallInFlightWhenTheCapIsReachedStillFinishes() {
        backend.holdReplies();
        AccountingLanguageModel model = stack(Budget.tokens(10));
        CompletableFuture<ChatResponse> a = model.chat(request);
        backend.releaseAll();

        assertThat(a.join().text()).isNotEmpty();
        assertThat(model.chat(request)).isCompletedExceptionally();
    }

    @Test
    void unlimitedBudgetNeverRefuses() {
        ledger.recordSuccess("x", new TokenUsage(1_000_000_000, 0), 1e9, false);
        assertThat(stack(Budget.unlimited()).call(request).text()).isEqualTo("m-0");
    }
}
