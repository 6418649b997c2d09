package io.llmopt.core.accounting;

import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.concurrent.Ticker;
import io.llmopt.core.llm.CallTiming;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.core.llm.RequestFingerprint;
import io.llmopt.core.llm.TokenUsage;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The outermost layer of a role's stack: sees every logical call once, times it, prices it and
 * books it in the shared {@link UsageLedger} under its role, then hands an {@link LlmCallRecord} to
 * the {@link CallListener} (the run store's call log). A cache hit is booked as a call that cost
 * nothing.
 *
 * <p>The returned future completes after the booking, so whoever waits on a call sees the ledger
 * already include it.
 */
public final class AccountingLanguageModel extends ForwardingLanguageModel {

    private static final System.Logger LOG = System.getLogger(AccountingLanguageModel.class.getName());

    private final String role;
    private final UsageLedger ledger;
    private final PriceTable prices;
    private final CallListener listener;
    private final Ticker ticker;
    private final Clock clock;

    public AccountingLanguageModel(LanguageModel delegate, String role, UsageLedger ledger, PriceTable prices, CallListener listener) {
        this(delegate, role, ledger, prices, listener, Ticker.SYSTEM, Clock.systemUTC());
    }

    public AccountingLanguageModel(LanguageModel delegate, String role, UsageLedger ledger, PriceTable prices,
            CallListener listener, Ticker ticker, Clock clock) {
        super(delegate);
        this.role = Objects.requireNonNull(role, "role");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String role() {
        return role;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        Instant startedAt = clock.instant();
        long start = ticker.nanos();
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        Futures.call(() -> delegate.chat(request)).whenComplete((response, failure) -> {
            try {
                book(request, response, failure, startedAt, (ticker.nanos() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "accounting of a " + role + " call failed: " + e.getMessage(), e);
            }
            Futures.complete(result, response, failure);
        });
        return result;
    }

    private void book(ChatRequest request, ChatResponse response, Throwable failure, Instant startedAt, long latencyMillis) {
        ModelInfo info = delegate.info();
        String requestHash = RequestFingerprint.of(info.model(), request);
        LlmCallRecord record;
        if (failure != null) {
            ledger.recordError(role);
            LlmException e = LlmException.unwrap(failure, info);
            record = new LlmCallRecord(role, info.displayName(), requestHash, request.n(), 0, 0, 0,
                    latencyMillis, false, e.kind(), startedAt);
        } else {
            TokenUsage billed = response.cacheHit() ? TokenUsage.ZERO : response.usage();
            double cost = 0;
            if (!response.cacheHit()) {
                if (prices.isPriced(info.model())) {
                    cost = prices.cost(info.model(), billed) * (response.batched() ? prices.batchFactor() : 1.0);
                } else {
                    ledger.noteUnpriced(info.model());
                }
            }
            ledger.recordSuccess(role, billed, cost, response.cacheHit());
            CallTiming timing = response.timing();
            Long server = response.cacheHit() ? null : timing.known() ? timing.serverNanos() / 1_000_000 : latencyMillis;
            Long slotWait = timing.known() ? timing.slotWaitNanos() / 1_000_000 : null;
            record = new LlmCallRecord(role, info.displayName(), requestHash, request.n(), billed.promptTokens(),
                    billed.completionTokens(), cost, latencyMillis, response.cacheHit(), null, startedAt, server, slotWait);
        }
        listener.onCall(record);
    }
}
