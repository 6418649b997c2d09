package io.llmopt.opro.prompt;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the scorer calls made since the last {@link #take} and how many of their replies were cut
 * at max_tokens: a step reports them when the cut ones are more than {@link #WARN_FRACTION} of its calls.
 */
final class TruncatedReplies {

    /** Above this share of a step's scorer calls, cut replies are worth a line: the max_tokens is too low. */
    static final double WARN_FRACTION = 0.01;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();

    void count(ExampleOutcome fresh) {
        calls.incrementAndGet();
        if (fresh.truncated()) {
            truncated.incrementAndGet();
        }
    }

    /** The counts since the last take, and starts counting anew. */
    Counts take() {
        return new Counts(truncated.getAndSet(0), calls.getAndSet(0));
    }

    /** @param truncated replies cut at max_tokens, of {@code calls} scorer calls */
    record Counts(long truncated, long calls) {

        boolean worthWarning() {
            return calls > 0 && truncated > WARN_FRACTION * calls;
        }
    }
}
