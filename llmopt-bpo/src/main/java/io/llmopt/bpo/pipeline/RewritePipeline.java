package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.data.EvalPrompt;
import io.llmopt.bpo.rewrite.IterativeRewrite;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.core.concurrent.BoundedLauncher;
import io.llmopt.core.store.WorkItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * rewrite: prompts through a rewriter for r rounds, every round kept, one {@link RewriteItems#KIND}
 * work item per prompt. {@link #writeJsonl} then writes each prompt with its rewrite.
 */
public final class RewritePipeline {

    public static final String PHASE = "rewrite";
    public static final String REWRITTEN = "rewritten";
    public static final String UNCHANGED = "unchanged";

    private final IterativeRewriter rewriter;
    private final int concurrency;

    public RewritePipeline(IterativeRewriter rewriter, int concurrency) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.concurrency = concurrency;
    }

    public PipelineCounts run(List<EvalPrompt> prompts, RunContext context) {
        RewriteStage stage = new RewriteStage(rewriter, context);
        List<EvalPrompt> unique = unique(prompts);
        List<EvalPrompt> todo = unique.stream().filter(p -> stage.log().done(p.id()).isEmpty()).toList();
        PipelineProgress progress = new PipelineProgress(context, PHASE, unique.size(), unique.size() - todo.size(),
                List.of(REWRITTEN, UNCHANGED));
        boolean complete = new BoundedLauncher<EvalPrompt>(concurrency, context::stopRequested)
                .run(todo, p -> stage.rewrite(p.id(), p.prompt()).handle((rewrite, error) -> {
                    if (error != null && Failures.stopped(error)) {
                        return null;
                    }
                    if (error != null) {
                        String reason = Failures.reason(error);
                        ObjectNode failed = StageLog.JSON.createObjectNode().put("id", p.id()).put("original", p.prompt()).put("error", reason);
                        stage.log().record(p.id(), WorkItem.FAILED, failed);
                        progress.failed(p.id(), reason);
                    } else {
                        progress.record(rewrite.last().equals(rewrite.original()) ? UNCHANGED : REWRITTEN);
                    }
                    return null;
                }))
                .join();
        context.store().flush();
        return progress.finish(!complete || context.stopRequested());
    }

    /**
     * Writes one JSON line per prompt that has a stored rewrite, in input order:
     * {@code {id, prompt, optimized_prompt, rounds}} (rounds only when there was more than one).
     * Returns how many lines were written.
     */
    public static int writeJsonl(List<EvalPrompt> prompts, RunContext context, Writer out) {
        context.store().flush();
        StageLog log = StageLog.open(context, RewriteItems.KIND);
        int written = 0;
        try {
            for (EvalPrompt p : unique(prompts)) {
                JsonNode stored = log.done(p.id()).orElse(null);
                if (stored == null) {
                    continue;
                }
                IterativeRewrite rewrite = RewriteItems.decode(stored);
                ObjectNode line = StageLog.JSON.createObjectNode().put("id", p.id()).put("prompt", p.prompt())
                        .put("optimized_prompt", rewrite.last());
                if (rewrite.rounds().size() > 1) {
                    var rounds = line.putArray("rounds");
                    rewrite.rounds().forEach(r -> rounds.add(r.rewritten()));
                }
                out.write(line.toString());
                out.write('\n');
                written++;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rewrites: " + e.getMessage(), e);
        }
        return written;
    }

    static List<EvalPrompt> unique(List<EvalPrompt> prompts) {
        Map<String, EvalPrompt> byId = new LinkedHashMap<>();
        prompts.forEach(p -> byId.putIfAbsent(p.id(), p));
        return List.copyOf(byId.values());
    }
}
