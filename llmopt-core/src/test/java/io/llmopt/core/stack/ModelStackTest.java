package io.llmopt.core.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.accounting.AccountingLanguageModel;
import io.llmopt.core.accounting.Budget;
import io.llmopt.core.accounting.BudgetLanguageModel;
import io.llmopt.core.accounting.UsageLedger;
import io.llmopt.core.cache.CacheMode;
import io.llmopt.core.cache.CachingLanguageModel;
import io.llmopt.core.cache.InMemoryResponseCache;
import io.llmopt.core.fakes.FakeLanguageModel;
import io.llmopt.core.limits.LimitPolicy;
import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.pool.PooledLanguageModel;
import io.llmopt.core.retry.RetryPolicy;
import io.llmopt.core.retry.RetryingLanguageModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelStackTest {

    private final RetryPolicy fastRetry = RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void layersComeInTheRecommendedOrder() {
        ModelStack stack = ModelStack.builder(ModelRoles.SCORER, List.of(new FakeLanguageModel("m"), new FakeLanguageModel("m")))
                .limits(LimitPolicy.concurrency(4))
                .retry(fastRetry)
                .cache(new InMemoryResponseCache(), CacheMode.READ_WRITE)
                .budget(Budget.tokens(1_000))
                .build();

        assertThat(layers(stack)).containsExactly(AccountingLanguageModel.class, BudgetLanguageModel.class,
                CachingLanguageModel.class, RetryingLanguageModel.class, LimitingLanguageModel.class, PooledLanguageModel.class);
    }

    @Test
    void unconfiguredLayersAreLeftOut() {
        ModelStack stack = ModelStack.builder(ModelRoles.JUDGE, new FakeLanguageModel("m")).retry(RetryPolicy.none()).build();
        assertThat(layers(stack)).containsExactly(AccountingLanguageModel.class, FakeLanguageModel.class);
        assertThat(stack.retryStats()).isEmpty();
    }

    @Test
    void aRetriedThenCachedCallIsBookedOnceAndRepeatsForFree() {
        FakeLanguageModel backend = new FakeLanguageModel("m").failNext(1, LlmException.Kind.SERVER_ERROR);
        UsageLedger ledger = new UsageLedger();
        ModelStack stack = ModelStack.builder(ModelRoles.SCORER, backend)
                .maxConcurrency(2)
                .retry(fastRetry)
                .cache(new InMemoryResponseCache(), CacheMode.READ_WRITE)
                .ledger(ledger)
                .build();
        ChatRequest request = ChatRequest.ofUser("x".repeat(40));

        String first = stack.call(request).text();
        String second = stack.call(request).text();

        assertThat(second).isEqualTo(first);
        assertThat(backend.callCount()).isEqualTo(2);
        assertThat(stack.retryStats().orElseThrow().snapshot().retries()).isEqualTo(1);
        assertThat(ledger.usageOf(ModelRoles.SCORER).calls()).isEqualTo(2);
        assertThat(ledger.usageOf(ModelRoles.SCORER).cacheHits()).isEqualTo(1);
        assertThat(ledger.total().errors()).isZero();
        assertThat(stack.limiter().orElseThrow().maxObservedConcurrency()).isEqualTo(1);
    }

    @Test
    void budgetSharedAcrossRolesStopsThemAll() {
        UsageLedger ledger = new UsageLedger();
        LanguageModel optimizer = ModelStack.builder(ModelRoles.OPTIMIZER, new FakeLanguageModel("m"))
                .ledger(ledger).budget(Budget.tokens(10)).build();
        LanguageModel scorer = ModelStack.builder(ModelRoles.SCORER, new FakeLanguageModel("m"))
                .ledger(ledger).budget(Budget.tokens(10)).build();

        optimizer.call(ChatRequest.ofUser("x".repeat(40)));

        assertThatThrownBy(() -> scorer.call(ChatRequest.ofUser("y")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.BUDGET_EXCEEDED));
    }

    private static List<Class<?>> layers(LanguageModel top) {
        List<Class<?>> out = new ArrayList<>();
        LanguageModel cur = ((ModelStack) top).delegate();
        while (true) {
            out.add(cur.getClass());
            if (cur instanceof PooledLanguageModel || !(cur instanceof ForwardingLanguageModel f)) {
                return out;
            }
            cur = f.delegate();
        }
    }
}
