package io.llmopt.core.retry;

import io.llmopt.core.concurrent.Delayer;
import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Retries failed calls whose {@link LlmException.Kind} the {@link RetryPolicy} lists, waiting
 * (without holding a thread) between attempts. Other failures, and anything that is not an
 * {@link LlmException}, propagate at once; after the last attempt the last failure propagates
 * unchanged, so its message still says what went wrong.
 *
 * <p>Sits outside the limiter so that a call waiting to retry does not hold a concurrency slot.
 * Cancelling the returned future stops further attempts.
 */
public final class RetryingLanguageModel extends ForwardingLanguageModel {

    private final RetryPolicy policy;
    private final Delayer delayer;
    private final RetryListener listener;
    private final RetryStats stats = new RetryStats();
    // java.util.Random is thread-safe; a seeded one makes jitter reproducible in tests.
    private final Random random;

    public RetryingLanguageModel(LanguageModel delegate, RetryPolicy policy) {
        this(delegate, policy, RetryListener.NONE, new Random(), Delayer.SYSTEM);
    }

    public RetryingLanguageModel(LanguageModel delegate, RetryPolicy policy, RetryListener listener, Random random, Delayer delayer) {
        super(delegate);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.random = Objects.requireNonNull(random, "random");
        this.delayer = Objects.requireNonNull(delayer, "delayer");
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        attempt(request, 1, result);
        return result;
    }

    public RetryPolicy policy() {
        return policy;
    }

    public RetryStats stats() {
        return stats;
    }

    private void attempt(ChatRequest request, int attempt, CompletableFuture<ChatResponse> result) {
        if (result.isDone()) {
            return;
        }
        Futures.call(() -> delegate.chat(request)).whenComplete((response, failure) -> {
            if (failure == null) {
                if (attempt > 1) {
                    stats.succeededAfterRetry();
                }
                result.complete(response);
                return;
            }
            Throwable cause = Futures.unwrap(failure);
            if (!(cause instanceof LlmException e) || !policy.retries(e.kind())) {
                result.completeExceptionally(cause);
                return;
            }
            if (attempt >= policy.maxAttempts()) {
                stats.gaveUp();
                result.completeExceptionally(e);
                return;
            }
            Duration delay = policy.delayBefore(attempt, e.retryAfter().orElse(null), random);
            stats.retried(e.kind());
            notifyListener(new RetryEvent(attempt, e, delay));
            delayer.after(delay).whenComplete((ignored, delayFailure) -> {
                if (delayFailure != null) {
                    result.completeExceptionally(e);
                } else {
                    attempt(request, attempt + 1, result);
                }
            });
        });
    }

    private void notifyListener(RetryEvent event) {
        try {
            listener.onRetry(event);
        } catch (RuntimeException ignored) {
            // A broken progress display must not turn into a failed model call.
        }
    }
}
