package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import io.llmopt.bpo.rewrite.IterativeRewrite;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import java.util.concurrent.CompletableFuture;

/**
 * The rewrite stage shared by the rewrite, eval and rewrite-dataset pipelines: stored, so a re-run
 * reuses it. With several rounds each round but the last is stored as soon as it is made, so a
 * re-run after a failed or interrupted later round continues from there; the last round is
 * stored with the stage.
 */
final class RewriteStage {

    private final IterativeRewriter rewriter;
    private final StageLog log;
    private final CallLog rounds;

    RewriteStage(IterativeRewriter rewriter, RunContext context) {
        this.rewriter = rewriter;
        this.log = StageLog.open(context, RewriteItems.KIND);
        this.rounds = CallLog.open(context, RewriteItems.KIND);
    }

    StageLog log() {
        return log;
    }

    CompletableFuture<IterativeRewrite> rewrite(String key, String prompt) {
        IterativeRewriter.Rounds through = (round, call) -> round == rewriter.rounds() ? call.get()
                : rounds.computeIfAbsent(key, RewriteItems.roundCall(round), call,
                        r -> RewriteItems.encodeRound(key, round, r), RewriteItems::decodeRound);
        return log.computeIfAbsent(key, () -> rewriter.rewrite(prompt, through),
                r -> RewriteItems.encode(key, r), RewriteItems::decode);
    }
}
