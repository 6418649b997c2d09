package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import io.llmopt.bpo.data.PreferenceRecord;
import io.llmopt.bpo.pairs.PairBuilder;
import io.llmopt.bpo.pairs.PairOutcome;
import io.llmopt.core.concurrent.BoundedLauncher;
import io.llmopt.core.store.WorkItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * build-pairs: preference records to stored optimized pairs, one {@link PairItems#KIND} work item
 * per record, recorded as soon as its reply is parsed and filtered.
 *
 * <p>Re-running with the same run skips every record already kept or filtered and tries failed
 * ones again. Records with the same id (identical content) are processed once.
 */
public final class BuildPairsPipeline {

    /** The progress phase and event prefix. */
    public static final String PHASE = "build-pairs";

    private final PairBuilder builder;
    private final int concurrency;

    /**
     * @param concurrency how many records are in flight at once (one call each)
     */
    public BuildPairsPipeline(PairBuilder builder, int concurrency) {
        this.builder = Objects.requireNonNull(builder, "builder");
        this.concurrency = concurrency;
    }

    public PipelineCounts run(List<PreferenceRecord> records, RunContext context) {
        StageLog log = StageLog.open(context, PairItems.KIND);
        Map<String, PreferenceRecord> unique = new LinkedHashMap<>();
        records.forEach(r -> unique.putIfAbsent(r.id(), r));
        List<PreferenceRecord> todo = unique.values().stream().filter(r -> log.done(r.id()).isEmpty()).toList();
        PipelineProgress progress = new PipelineProgress(context, PHASE, unique.size(), unique.size() - todo.size(),
                List.of(PipelineProgress.KEPT, PipelineProgress.FILTERED));
        boolean complete = new BoundedLauncher<PreferenceRecord>(concurrency, context::stopRequested)
                .run(todo, record -> builder.buildOne(record).thenAccept(outcome -> {
                    String status = outcome.status() == PairOutcome.Status.FAILED ? WorkItem.FAILED : WorkItem.DONE;
                    // Queued, not awaited: the record's slot is free for the next one at once, and
                    // the final flush reports any write that failed.
                    log.record(record.id(), status, PairItems.encode(outcome));
                    count(progress, outcome);
                }).exceptionally(error -> {
                    Failures.stopped(error); // a stop leaves the record to do; an Error fails the run
                    return null;
                }))
                .join();
        context.store().flush();
        return progress.finish(!complete || context.stopRequested());
    }

    private static void count(PipelineProgress progress, PairOutcome outcome) {
        switch (outcome.status()) {
            case FAILED -> progress.failed(outcome.recordId(), outcome.reason());
            default -> progress.record(outcome.status().name().toLowerCase(Locale.ROOT));
        }
    }
}
