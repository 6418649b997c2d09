package io.llmopt.core.accounting;

import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.limits.TokenEstimate;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.TokenUsage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a run within its {@link Budget}: before a call is sent it reserves the call's estimated
 * tokens and cost in the run's {@link BudgetReservations}, and a call that could cross the cap fails
 * at once with {@link LlmException.Kind#BUDGET_EXCEEDED} and a message naming the cap and what is
 * spent. When the call ends its reservation becomes what it really cost. So a run spends at most its
 * cap plus one call, however many calls it has in flight.
 *
 * <p>The estimate is the prompt's length (about four characters a token) plus the completion cap
 * for every sample; a request without a cap is assumed to be as long as the longest completion seen
 * so far (at least {@value #MIN_COMPLETION_GUESS} tokens). Priced like the accounting layer prices
 * the real call, with this stack's {@link PriceTable}.
 *
 * <p>Sits above the cache: a refused call never reaches it, so a run resumed with a bigger budget
 * replays its cached work for free; a cache hit settles at no cost.
 */
public final class BudgetLanguageModel extends ForwardingLanguageModel {

    static final int MIN_COMPLETION_GUESS = 256;

    private final BudgetReservations reservations;
    private final Budget budget;
    private final PriceTable prices;
    private final AtomicLong longestCompletion = new AtomicLong(MIN_COMPLETION_GUESS);

    public BudgetLanguageModel(LanguageModel delegate, UsageLedger ledger, Budget budget, PriceTable prices) {
        super(delegate);
        this.reservations = Objects.requireNonNull(ledger, "ledger").reservations();
        this.budget = Objects.requireNonNull(budget, "budget");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    public Budget budget() {
        return budget;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        BudgetReservations.Reservation estimate = estimate(request);
        String refused = reservations.tryReserve(budget, estimate);
        if (refused != null) {
            return CompletableFuture.failedFuture(
                    new LlmException(LlmException.Kind.BUDGET_EXCEEDED, delegate.info(), refused, null, null));
        }
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        Futures.call(() -> delegate.chat(request)).whenComplete((response, failure) -> {
            try {
                settle(request, estimate, failure == null ? response : null);
            } finally {
                Futures.complete(result, response, failure);
            }
        });
        return result;
    }

    private BudgetReservations.Reservation estimate(ChatRequest request) {
        long perSample = request.maxTokens() != null ? request.maxTokens() : longestCompletion.get();
        TokenUsage usage = new TokenUsage(TokenEstimate.promptTokens(request), perSample * request.n());
        return new BudgetReservations.Reservation(usage.totalTokens(), prices.cost(delegate.info().model(), usage));
    }

    private void settle(ChatRequest request, BudgetReservations.Reservation estimate, ChatResponse response) {
        if (response == null || response.cacheHit()) {
            reservations.settle(estimate, 0, 0);
            return;
        }
        TokenUsage billed = response.usage();
        longestCompletion.accumulateAndGet(billed.completionTokens() / request.n(), Math::max);
        // priced as the accounting layer prices it: a batch job's answer at the batch price
        double cost = prices.cost(delegate.info().model(), billed) * (response.batched() ? prices.batchFactor() : 1.0);
        reservations.settle(estimate, billed.totalTokens(), cost);
    }
}
