package io.llmopt.bpo.judge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Judges whether the rewritten prompt's response beats the original's. */
@FunctionalInterface
public interface PairwiseJudge {

    /**
     * How each judge call (one order of the two responses) is made: {@link #DIRECT}ly, or through a
     * store that returns the verdict an interrupted run already got and keeps each new one as soon
     * as it arrives.
     */
    @FunctionalInterface
    interface Calls {

        /** Every order is asked. */
        Calls DIRECT = (rewrittenFirst, call) -> call.get();

        /**
         * @param rewrittenFirst the order the call shows the responses in
         * @param call           the judge call
         */
        CompletableFuture<OrderedVerdict> make(boolean rewrittenFirst, Supplier<CompletableFuture<OrderedVerdict>> call);
    }

    /**
     * Judges one comparison, each judge call made through {@code through}. When the judge makes
     * several calls, the result completes only once every one of them has ended, failed or not.
     */
    CompletableFuture<JudgedItem> judge(EvalItem item, Calls through);

    default CompletableFuture<JudgedItem> judge(EvalItem item) {
        return judge(item, Calls.DIRECT);
    }

    /** Judges all items, calls overlapping as far as the model allows; results in input order. */
    default CompletableFuture<List<JudgedItem>> judgeAll(List<EvalItem> items) {
        List<CompletableFuture<JudgedItem>> futures = items.stream().map(this::judge).toList();
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
    }
}
