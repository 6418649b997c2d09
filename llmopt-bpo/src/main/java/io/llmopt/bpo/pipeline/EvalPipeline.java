package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.data.EvalPrompt;
import io.llmopt.bpo.judge.EvalItem;
import io.llmopt.bpo.judge.JudgedItem;
import io.llmopt.bpo.judge.OrderedVerdict;
import io.llmopt.bpo.judge.PairwiseJudge;
import io.llmopt.bpo.judge.RandomOrderJudge;
import io.llmopt.bpo.judge.RankingJudge;
import io.llmopt.bpo.judge.TwoOrderJudge;
import io.llmopt.bpo.rewrite.IterativeRewrite;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.core.concurrent.BoundedLauncher;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelApi;
import io.llmopt.core.store.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * eval: for each test prompt, rewrite it, let the responder answer the original and the rewritten
 * prompt, and judge the two responses; then summarise win/tie/lose with 95% intervals.
 *
 * <p>Each record streams through three stored stages, each its own work item: the rewrite
 * ({@value RewriteItems#KIND}), the two responses ({@value JudgementItems#RESPONSES}, requested in
 * parallel) and the judgement ({@value JudgementItems#KIND}, both orders in parallel). Each of the
 * parallel calls is also stored on its own as soon as it returns ({@link CallLog}). A re-run skips
 * judged records and continues the others from their last stored stage and call, so a call that
 * returned is never made again.
 */
public final class EvalPipeline {

    public static final String PHASE = "eval";

    private final IterativeRewriter rewriter;
    private final LanguageModel responder;
    private final LanguageModel judge;
    private final EvalOptions options;

    public EvalPipeline(IterativeRewriter rewriter, LanguageModel responder, LanguageModel judge, EvalOptions options) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The result of a run: how its records ended, and the report over every judged record of the test set. */
    public record Result(PipelineCounts counts, EvalReport report) {
    }

    public Result run(List<EvalPrompt> prompts, RunContext context) {
        List<EvalPrompt> unique = RewritePipeline.unique(prompts);
        RewriteStage rewrites = new RewriteStage(rewriter, context);
        StageLog responses = StageLog.open(context, JudgementItems.RESPONSES);
        CallLog responseCalls = CallLog.open(context, JudgementItems.RESPONSES);
        StageLog judgements = StageLog.open(context, JudgementItems.KIND);
        CallLog judgeCalls = CallLog.open(context, JudgementItems.KIND);
        List<EvalPrompt> todo = unique.stream().filter(p -> judgements.done(p.id()).isEmpty()).toList();
        PipelineProgress progress = new PipelineProgress(context, PHASE, unique.size(), unique.size() - todo.size(),
                List.of("win", "tie", "lose", "invalid"));
        PairwiseJudge pairwise = switch (options.method()) {
            case TWO_ORDER -> new TwoOrderJudge(judge);
            case RANDOM_ORDER -> new RandomOrderJudge(judge, options.seed());
            case RANKING -> new RankingJudge(judge, options.seed());
        };
        RandomOrderJudge reference = new RandomOrderJudge(judge, options.seed());

        boolean complete = new BoundedLauncher<EvalPrompt>(options.concurrency(), context::stopRequested)
                .run(todo, p -> rewrites.rewrite(p.id(), p.prompt())
                        .thenCompose(rewrite -> respond(p, rewrite, responses, responseCalls)
                                .thenCompose(item -> judgements.computeIfAbsent(p.id(),
                                        () -> pairwise.judge(item, judgeCalls(p.id(), judgeCalls)).thenApply(j -> JudgementItems.encode(j,
                                                p.prompt(), rewrite.last(), options.method(), referenceVerdict(reference, j))),
                                        json -> json, json -> json)))
                        .handle((json, error) -> {
                            if (error != null && Failures.stopped(error)) {
                                return null;
                            }
                            if (error != null) {
                                String reason = Failures.reason(error);
                                ObjectNode failed = StageLog.JSON.createObjectNode().put("id", p.id())
                                        .put("category", p.category()).put("original", p.prompt()).put("error", reason);
                                judgements.record(p.id(), WorkItem.FAILED, failed);
                                progress.failed(p.id(), reason);
                            } else {
                                progress.record(json.path("verdict").asText());
                            }
                            return null;
                        }))
                .join();
        context.store().flush();
        PipelineCounts counts = progress.finish(!complete || context.stopRequested());
        List<JsonNode> judged = new ArrayList<>();
        for (EvalPrompt p : unique) {
            judgements.done(p.id()).ifPresent(judged::add);
        }
        return new Result(counts, EvalReport.of(options.method(), judged, unique.size() - judged.size()));
    }

    /** The two responses, each stored as soon as it returns; both have ended when the result completes. */
    private CompletableFuture<EvalItem> respond(EvalPrompt p, IterativeRewrite rewrite, StageLog responses, CallLog calls) {
        return responses.computeIfAbsent(p.id(), () -> {
            CompletableFuture<String> original = response(p.id(), JudgementItems.ORIGINAL, p.prompt(), calls);
            CompletableFuture<String> rewritten = response(p.id(), JudgementItems.REWRITTEN, rewrite.last(), calls);
            return CompletableFuture.allOf(original, rewritten)
                    .thenApply(v -> JudgementItems.encodeResponses(p.id(), original.join(), rewritten.join()));
        }, json -> json, json -> json).thenApply(json -> new EvalItem(p.id(), p.category(), p.prompt(),
                json.path("response_original").asText(), json.path("response_rewritten").asText()));
    }

    private CompletableFuture<String> response(String id, String call, String prompt, CallLog calls) {
        ModelApi api = responder.info().api();
        return calls.computeIfAbsent(id, call, () -> responder.chat(options.responder().request(prompt, api))
                        .thenApply(r -> options.responder().text(r.text(), api)),
                text -> JudgementItems.encodeResponse(id, prompt, text), JudgementItems::decodeResponse);
    }

    /** Two-order judging stores each order's call as soon as it returns; the random-order judge's single call is the stage. */
    private PairwiseJudge.Calls judgeCalls(String id, CallLog calls) {
        if (options.method() != JudgeMethod.TWO_ORDER) {
            return PairwiseJudge.Calls.DIRECT;
        }
        return (rewrittenFirst, call) -> calls.computeIfAbsent(id, JudgementItems.orderCall(rewrittenFirst), call,
                v -> JudgementItems.encodeVerdict(id, v), JudgementItems::decodeVerdict);
    }

    /**
     * The call the reference's random-order judge would have made: under two-order judging it is one
     * of the two calls already made (both at temperature 0), so no extra call is needed.
     */
    private static OrderedVerdict referenceVerdict(RandomOrderJudge reference, JudgedItem judged) {
        boolean rewrittenFirst = reference.rewrittenFirst(judged.item());
        return judged.verdicts().stream().filter(v -> v.rewrittenFirst() == rewrittenFirst).findFirst()
                .orElse(judged.verdicts().getFirst());
    }
}
