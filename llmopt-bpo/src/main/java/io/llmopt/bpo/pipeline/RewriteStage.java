package io.llmopt.bpo.pipeline;

import io.llmopt.bpo.rewrite.IterativeRewrite;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import java.util.concurrent.CompletableFuture;

/** The rewrite stage shared by the rewrite, eval and rewrite-dataset pipelines: stored, so a re-run reuses it. */
final class RewriteStage {

    private final IterativeRewriter rewriter;
    private final StageLog log;

    RewriteStage(IterativeRewriter rewriter, RunContext context) {
        this.rewriter = rewriter;
        this.log = StageLog.open(context, RewriteItems.KIND);
    }

    StageLog log() {
        return log;
    }

    CompletableFuture<IterativeRewrite> rewrite(String key, String prompt) {
        return log.computeIfAbsent(key, () -> rewriter.rewrite(prompt),
                r -> RewriteItems.encode(key, r), RewriteItems::decode);
    }
}
