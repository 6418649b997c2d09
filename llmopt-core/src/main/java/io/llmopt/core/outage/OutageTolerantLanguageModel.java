package io.llmopt.core.outage;

import io.llmopt.core.concurrent.Delayer;
import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.concurrent.Ticker;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Rides out an endpoint that stays down longer than the retry layer's few attempts: a call whose
 * retries gave up on a failure that means "not answering" (connection, server error, time-out,
 * rate limit, malformed reply) waits, tries again (after 1 s, 2 s, 4 s ... then every 30 s, and at
 * once when another call gets through), and completes when the endpoint answers. Nothing is lost
 * or paid twice: a call that failed produced nothing, and the caller sees one answer per call.
 *
 * <p>Sits outside the retry layer, once per model, so the state is shared: the first call to find
 * the endpoint down announces {@link OutageEvent.Type#DOWN}, the first success after it
 * {@link OutageEvent.Type#UP}. A failure while other calls get through is about the request, not
 * the endpoint: it propagates when it happens twice in a row, without an announcement. Once is not
 * enough: an attempt sent just before the endpoint came back fails while later ones get through.
 *
 * <p>A call fails with its last error once the outage has lasted {@link OutagePolicy#maxOutage()}
 * (the message names the setting to raise), when {@link #abandonWaits()} is called (Ctrl-C), or
 * at its next probe once {@code stopWaiting} says so (a stop asked from another process).
 */
public final class OutageTolerantLanguageModel extends ForwardingLanguageModel {

    private final String modelName;
    private final OutagePolicy policy;
    private final OutageListener listener;
    private final BooleanSupplier stopWaiting;
    private final Delayer delayer;
    private final Ticker ticker;
    private final EndpointStatus status = new EndpointStatus();
    private final Set<Call> waiting = ConcurrentHashMap.newKeySet();

    /**
     * @param modelName   the model's name in the configuration, for the setting named in messages
     * @param stopWaiting asked before each wait; true makes waiting calls fail with their last error
     */
    public OutageTolerantLanguageModel(LanguageModel delegate, String modelName, OutagePolicy policy,
            OutageListener listener, BooleanSupplier stopWaiting, Delayer delayer, Ticker ticker) {
        super(delegate);
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stopWaiting = Objects.requireNonNull(stopWaiting, "stopWaiting");
        this.delayer = Objects.requireNonNull(delayer, "delayer");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        if (!policy.enabled()) {
            return delegate.chat(request);
        }
        Call call = new Call(request);
        call.attempt();
        return call.result;
    }

    public OutagePolicy policy() {
        return policy;
    }

    /** True while the endpoint is known to be down. */
    public boolean down() {
        return status.down();
    }

    /** Calls waiting for the endpoint right now. */
    public int waitingCalls() {
        return waiting.size();
    }

    /**
     * Fails every call now waiting for the endpoint, with its last error: a stop must not wait for
     * an outage to end. Calls in flight to a healthy endpoint are not touched.
     */
    public void abandonWaits() {
        for (Call c : waiting) {
            c.fail(c.stopped());
        }
    }

    /** The setting a user raises to wait longer. */
    private String setting() {
        return "models." + modelName + ".max_outage_seconds";
    }

    private void announce(OutageEvent event) {
        try {
            listener.onOutage(event);
        } catch (RuntimeException ignored) {
            // A broken display must not turn into a failed model call.
        }
    }

    /** One logical call: its attempts, its waits and what it has learnt about the endpoint. */
    private final class Call {
        final ChatRequest request;
        final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        long successesAtAttempt;
        long firstFailureNanos = -1;
        int probes;
        /** Failures in a row during which other calls got through. */
        int isolatedFailures;
        LlmException last;

        Call(ChatRequest request) {
            this.request = request;
        }

        void attempt() {
            if (result.isDone()) {
                return;
            }
            successesAtAttempt = status.successes();
            Futures.call(() -> delegate.chat(request)).whenComplete((response, failure) -> {
                if (failure == null) {
                    succeeded(response);
                } else {
                    failed(Futures.unwrap(failure));
                }
            });
        }

        private void succeeded(ChatResponse response) {
            long downSince = status.succeeded();
            if (downSince >= 0) {
                announce(new OutageEvent(OutageEvent.Type.UP, modelName, info().endpoint(), info().model(), "",
                        policy.maxOutage(), Duration.ofNanos(ticker.nanos() - downSince)));
            }
            result.complete(response);
        }

        private void failed(Throwable cause) {
            if (!(cause instanceof LlmException e) || !policy.isOutage(e)) {
                result.completeExceptionally(cause);
                return;
            }
            last = e;
            long now = ticker.nanos();
            if (firstFailureNanos < 0) {
                firstFailureNanos = now;
            }
            if (status.successes() > successesAtAttempt) {
                // others got through while this attempt ran: once may be the edge of an outage, twice is this request
                if (++isolatedFailures >= 2) {
                    result.completeExceptionally(e);
                    return;
                }
                wait(policy.probeDelay(1));
                return;
            }
            isolatedFailures = 0;
            if (status.declareDown(now)) {
                announce(new OutageEvent(OutageEvent.Type.DOWN, modelName, info().endpoint(), info().model(),
                        reason(e), policy.maxOutage(), Duration.ZERO));
            }
            long start = status.down() ? Math.min(firstFailureNanos, status.downSinceNanos()) : firstFailureNanos;
            Duration waited = Duration.ofNanos(now - start);
            if (waited.compareTo(policy.maxOutage()) >= 0) {
                fail(exceeded(waited));
                return;
            }
            if (stopWaiting.getAsBoolean()) {
                fail(stopped());
                return;
            }
            probes++;
            Duration delay = policy.probeDelay(probes);
            Duration left = policy.maxOutage().minus(waited);
            wait(delay.compareTo(left) > 0 ? left : delay);
        }

        private void wait(Duration delay) {
            waiting.add(this);
            CompletableFuture.anyOf(delayer.after(delay), status.recovered()).whenComplete((ignored, failure) -> {
                waiting.remove(this);
                attempt();
            });
            if (result.isDone()) {
                waiting.remove(this);
            }
        }

        void fail(LlmException e) {
            waiting.remove(this);
            result.completeExceptionally(e);
        }

        LlmException exceeded(Duration waited) {
            return new LlmException(last.kind(), last.endpoint(), last.model(), "not answering for "
                    + Durations.human(waited) + ", the longest " + setting() + "=" + policy.maxOutage().toSeconds()
                    + " allows (raise it to wait longer, 0 to never wait); last error: " + reason(last), null, last);
        }

        LlmException stopped() {
            return new LlmException(last.kind(), last.endpoint(), last.model(),
                    "stop requested while waiting for the endpoint to answer again; last error: " + reason(last), null, last);
        }
    }

    /**
     * What went wrong, without the endpoint and model the surrounding message already names nor the
     * kind's advice, on one line: "connection: Connection refused".
     */
    static String reason(LlmException e) {
        String m = String.valueOf(e.getMessage());
        String prefix = e.kind().name().toLowerCase().replace('_', ' ') + " from " + e.endpoint() + " (model " + e.model() + ")";
        if (m.startsWith(prefix)) {
            m = e.kind().name().toLowerCase().replace('_', ' ') + m.substring(prefix.length());
        }
        String advice = " - " + e.kind().advice();
        if (m.endsWith(advice)) {
            m = m.substring(0, m.length() - advice.length());
        }
        return m.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
