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
import io.llmopt.core.limits.TokenEstimate;
import io.llmopt.core.llm.SendObserver;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outermost layer of a role's stack: sees every logical call once, times it, prices it and
 * books it in the shared {@link UsageLedger} under its role, then hands an {@link LlmCallRecord} to
 * the {@link CallListener} (the run store's call log). A cache hit is booked as a call that cost
 * nothing.
 *
 * <p>The returned future completes after the booking, so whoever waits on a call sees the ledger
 * already include it.
 *
 * <p>Before a request of the call leaves for the server ({@link SendingLanguageModel}, at the bottom
 * of the stack, tells it through the request's {@link io.llmopt.core.llm.SendObserver}), the call is
 * handed to the listener as {@code sent} at its estimated price (the prompt, and each sample as long
 * as the role's answers so far, or its max_tokens before any), and the request waits until the
 * listener has it; the final record settles it. A call whose reply is lost in a kill thus stays in
 * the run store's ledger, at its estimate.
 */
public final class AccountingLanguageModel extends ForwardingLanguageModel {

    private static final System.Logger LOG = System.getLogger(AccountingLanguageModel.class.getName());
    /** Completion tokens a sample is estimated at when the request sets no max_tokens. */
    static final long DEFAULT_COMPLETION_ESTIMATE = 1024;

    private final String role;
    private final UsageLedger ledger;
    private final PriceTable prices;
    private final CallListener listener;
    private final Ticker ticker;
    private final Clock clock;
    /** Completion tokens and samples of the calls answered so far: what a sent call is estimated from. */
    private final AtomicLong completionTokensSeen = new AtomicLong();
    private final AtomicLong samplesSeen = new AtomicLong();

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
        SentCall sent = new SentCall(request, startedAt);
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        Futures.call(() -> delegate.chat(request.withObserver(sent))).whenComplete((response, failure) -> {
            try {
                book(request, response, failure, startedAt, (ticker.nanos() - start) / 1_000_000, sent);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "accounting of a " + role + " call failed: " + e.getMessage(), e);
            }
            Futures.complete(result, response, failure);
        });
        return result;
    }

    private void book(ChatRequest request, ChatResponse response, Throwable failure, Instant startedAt, long latencyMillis,
                      SentCall sent) {
        ModelInfo info = delegate.info();
        String requestHash = RequestFingerprint.of(info.model(), request);
        LlmCallRecord record;
        if (failure != null) {
            ledger.recordError(role);
            LlmException e = LlmException.unwrap(failure, info);
            record = new LlmCallRecord(role, info.displayName(), requestHash, request.n(), 0, 0, 0,
                    latencyMillis, false, e.kind(), startedAt, null, null, sent.key(), sent.requests(), true);
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
            if (!response.cacheHit()) {
                completionTokensSeen.addAndGet(billed.completionTokens());
                samplesSeen.addAndGet(response.completions().size());
            }
            CallTiming timing = response.timing();
            Long server = response.cacheHit() ? null : timing.known() ? timing.serverNanos() / 1_000_000 : latencyMillis;
            Long slotWait = timing.known() ? timing.slotWaitNanos() / 1_000_000 : null;
            record = new LlmCallRecord(role, info.displayName(), requestHash, request.n(), billed.promptTokens(),
                    billed.completionTokens(), cost, latencyMillis, response.cacheHit(), null, startedAt, server, slotWait,
                    sent.key(), sent.requests(), true);
        }
        listener.onCall(record);
    }

    /**
     * Completion tokens a sample of {@code request} is estimated at: the mean of this role's answered
     * samples so far (within the request's max_tokens), or, before any answer, the whole max_tokens.
     */
    private long completionEstimate(ChatRequest request) {
        long cap = request.maxTokens() != null ? request.maxTokens() : DEFAULT_COMPLETION_ESTIMATE;
        long samples = samplesSeen.get();
        return samples == 0 ? cap : Math.min(cap, Math.ceilDiv(completionTokensSeen.get(), samples));
    }

    /**
     * One call's requests as they leave: each is first handed to the listener as {@code sent},
     * priced at the estimate (the prompt, and each sample as long as this role's answers so far).
     */
    private final class SentCall implements SendObserver {
        private final ChatRequest request;
        private final Instant startedAt;
        private final AtomicInteger requests = new AtomicInteger();
        private volatile String key;

        SentCall(ChatRequest request, Instant startedAt) {
            this.request = request;
            this.startedAt = startedAt;
        }

        /** Null until a request was sent: a call that sent nothing needs no key. */
        String key() {
            return key;
        }

        int requests() {
            return requests.get();
        }

        @Override
        public CompletableFuture<Void> sending() {
            if (key == null) {
                synchronized (this) {
                    if (key == null) {
                        key = UUID.randomUUID().toString();
                    }
                }
            }
            int count = requests.incrementAndGet();
            ModelInfo info = delegate.info();
            long perSample = completionEstimate(request);
            TokenUsage estimate = new TokenUsage(TokenEstimate.promptTokens(request), perSample * request.n());
            double cost = prices.isPriced(info.model()) ? prices.cost(info.model(), estimate) : 0;
            return listener.onSent(new LlmCallRecord(role, info.displayName(), RequestFingerprint.of(info.model(), request),
                    request.n(), 0, 0, cost, 0, false, null, startedAt, null, null, key, count, false));
        }
    }
}
