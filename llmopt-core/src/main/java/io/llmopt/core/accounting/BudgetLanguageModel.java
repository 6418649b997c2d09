package io.llmopt.core.accounting;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Refuses new calls once the run's {@link Budget} is spent, as read from the shared
 * {@link UsageLedger}: the call fails at once with {@link LlmException.Kind#BUDGET_EXCEEDED} and a
 * message naming the cap and the amount spent. Calls already in flight finish (and are paid for),
 * so a run can overshoot by at most what is in flight.
 *
 * <p>Sits above the cache: a refused call never reaches it, so a run resumed with a bigger budget
 * replays its cached work for free.
 */
public final class BudgetLanguageModel extends ForwardingLanguageModel {

    private final UsageLedger ledger;
    private final Budget budget;

    public BudgetLanguageModel(LanguageModel delegate, UsageLedger ledger, Budget budget) {
        super(delegate);
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    public Budget budget() {
        return budget;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        String exhausted = budget.exhaustedBy(ledger.total());
        if (exhausted != null) {
            return CompletableFuture.failedFuture(
                    new LlmException(LlmException.Kind.BUDGET_EXCEEDED, delegate.info(), exhausted, null, null));
        }
        return delegate.chat(request);
    }
}
