package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmopt.bpo.data.AlpacaRecord;
import io.llmopt.bpo.rewrite.IterativeRewriter;
import io.llmopt.core.concurrent.BoundedLauncher;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.store.WorkItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * rewrite-dataset: BPO as data augmentation for supervised fine-tuning. Each instruction of an
 * Alpaca-format data set is rewritten and the chosen model answers the rewritten prompt; the new
 * data set keeps every original field and adds {@code optimized_prompt} and {@code res}.
 *
 * <p>Two stored stages per record: the rewrite ({@value RewriteItems#KIND}) and the new record
 * ({@value #KIND}).
 */
public final class RewriteDatasetPipeline {

    public static final String PHASE = "rewrite-dataset";
    public static final String KIND = "bpo.sft";
    public static final String WRITTEN = "written";

    private final IterativeRewriter rewriter;
    private final LanguageModel responder;
    private final ResponderOptions responderOptions;
    private final int concurrency;

    public RewriteDatasetPipeline(IterativeRewriter rewriter, LanguageModel responder, ResponderOptions responderOptions,
                                  int concurrency) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.responderOptions = Objects.requireNonNull(responderOptions, "responderOptions");
        this.concurrency = concurrency;
    }

    public PipelineCounts run(List<AlpacaRecord> records, RunContext context) {
        List<AlpacaRecord> unique = unique(records);
        RewriteStage rewrites = new RewriteStage(rewriter, context);
        StageLog rows = StageLog.open(context, KIND);
        List<AlpacaRecord> todo = unique.stream().filter(r -> rows.done(r.id()).isEmpty()).toList();
        PipelineProgress progress = new PipelineProgress(context, PHASE, unique.size(), unique.size() - todo.size(), List.of(WRITTEN));
        boolean complete = new BoundedLauncher<AlpacaRecord>(concurrency, context::stopRequested)
                .run(todo, r -> rewrites.rewrite(r.id(), r.prompt())
                        .thenCompose(rewrite -> rows.computeIfAbsent(r.id(),
                                () -> responder.chat(responderOptions.request(rewrite.last(), responder.info().api())).thenApply(response -> {
                                    ObjectNode row = r.fields();
                                    row.put("optimized_prompt", rewrite.last());
                                    row.put("res", responderOptions.text(response.text(), responder.info().api()));
                                    return (JsonNode) row;
                                }), json -> json, json -> json))
                        .handle((row, error) -> {
                            if (error != null && Failures.stopped(error)) {
                                return null;
                            }
                            if (error != null) {
                                String reason = Failures.reason(error);
                                rows.record(r.id(), WorkItem.FAILED, StageLog.JSON.createObjectNode().put("id", r.id()).put("error", reason));
                                progress.failed(r.id(), reason);
                            } else {
                                progress.record(WRITTEN);
                            }
                            return null;
                        }))
                .join();
        context.store().flush();
        return progress.finish(!complete || context.stopRequested());
    }

    /** Writes the new data set (a JSON array, in input order, records not yet done left out); returns how many. */
    public static int writeJson(List<AlpacaRecord> records, RunContext context, Writer out) {
        context.store().flush();
        StageLog rows = StageLog.open(context, KIND);
        ArrayNode array = StageLog.JSON.createArrayNode();
        unique(records).forEach(r -> rows.done(r.id()).ifPresent(array::add));
        try {
            out.write(StageLog.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(array));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the data set: " + e.getMessage(), e);
        }
        return array.size();
    }

    private static List<AlpacaRecord> unique(List<AlpacaRecord> records) {
        Map<String, AlpacaRecord> byId = new LinkedHashMap<>();
        records.forEach(r -> byId.putIfAbsent(r.id(), r));
        return List.copyOf(byId.values());
    }
}
