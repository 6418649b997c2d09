package io.llmopt.bpo.pipeline;

import java.util.Objects;

/**
 * Settings of an eval run.
 *
 * @param method      how comparisons are judged
 * @param seed        seed of the random order (reference method)
 * @param responder   how the responder answers
 * @param concurrency records in flight at once (each makes up to five calls, two pairs of them in parallel)
 */
public record EvalOptions(JudgeMethod method, long seed, ResponderOptions responder, int concurrency) {

    public EvalOptions {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(responder, "responder");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
    }

    /** Two-order judging, seed 0, default responder, 16 records in flight. */
    public static EvalOptions defaults() {
        return new EvalOptions(JudgeMethod.TWO_ORDER, 0, ResponderOptions.defaults(), 16);
    }

    public EvalOptions withMethod(JudgeMethod value) {
        return new EvalOptions(value, seed, responder, concurrency);
    }

    public EvalOptions withConcurrency(int value) {
        return new EvalOptions(method, seed, responder, value);
    }

    public EvalOptions withResponder(ResponderOptions value) {
        return new EvalOptions(method, seed, value, concurrency);
    }

    public EvalOptions withSeed(long value) {
        return new EvalOptions(method, value, responder, concurrency);
    }
}
