package io.llmopt.bpo.judge;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Judges whether the rewritten prompt's response beats the original's. */
@FunctionalInterface
public interface PairwiseJudge {

    CompletableFuture<JudgedItem> judge(EvalItem item);

    /** Judges all items, calls overlapping as far as the model allows; results in input order. */
    default CompletableFuture<List<JudgedItem>> judgeAll(List<EvalItem> items) {
        List<CompletableFuture<JudgedItem>> futures = items.stream().map(this::judge).toList();
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
    }
}
