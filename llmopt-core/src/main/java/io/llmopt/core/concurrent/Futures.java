package io.llmopt.core.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Small helpers for the futures the decorators pass around. */
public final class Futures {

    private Futures() {
    }

    /** The real failure inside the wrappers {@link CompletableFuture} adds when it chains stages. */
    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    /**
     * Calls {@code start}, turning a synchronous throw into a failed future, so a misbehaving
     * delegate cannot break a decorator's bookkeeping.
     */
    public static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> start) {
        try {
            CompletableFuture<T> f = start.get();
            return f != null ? f : CompletableFuture.failedFuture(new NullPointerException("model returned a null future"));
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Completes {@code target} the way {@code value}/{@code failure} say, without wrapper exceptions. */
    public static <T> void complete(CompletableFuture<T> target, T value, Throwable failure) {
        if (failure != null) {
            target.completeExceptionally(unwrap(failure));
        } else {
            target.complete(value);
        }
    }
}
