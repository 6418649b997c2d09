package io.llmopt.core.retry;

/**
 * Told about every retry, e.g. to print "rate limited, retrying in 2.1 s" or to feed a progress
 * line. Called on a pool thread; must be quick and must not throw.
 */
@FunctionalInterface
public interface RetryListener {

    void onRetry(RetryEvent event);

    RetryListener NONE = event -> { };
}
