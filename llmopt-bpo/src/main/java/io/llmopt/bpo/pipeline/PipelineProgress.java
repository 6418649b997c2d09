package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a pipeline's records by outcome and tells the run's listener: a {@link Progress}
 * snapshot after every record, a warning event per failed record, and one summary event at the
 * end whose data holds every count.
 */
public final class PipelineProgress {

    public static final String KEPT = "kept";
    public static final String FILTERED = "filtered";
    public static final String FAILED = "failed";

    private final RunContext context;
    private final String phase;
    private final long total;
    private final long resumed;
    private final Map<String, AtomicLong> outcomes = new LinkedHashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private final long startNanos = System.nanoTime();

    /**
     * @param outcomes the outcome names, in display order; failures are always counted as {@link #FAILED}
     */
    public PipelineProgress(RunContext context, String phase, long total, long resumed, List<String> outcomes) {
        this.context = context;
        this.phase = phase;
        this.total = total;
        this.resumed = resumed;
        outcomes.forEach(o -> this.outcomes.put(o, new AtomicLong()));
        this.outcomes.putIfAbsent(FAILED, new AtomicLong());
        publish();
    }

    /** Counts one record. Thread-safe. */
    public void record(String outcome) {
        AtomicLong counter = outcomes.get(outcome);
        if (counter == null) {
            throw new IllegalArgumentException("unknown outcome '" + outcome + "'; expected one of " + outcomes.keySet());
        }
        counter.incrementAndGet();
        processed.incrementAndGet();
        publish();
    }

    /** Counts a failed record and reports why. */
    public void failed(String key, String reason) {
        context.event(RunEvent.warn(context.runId(), phase + ".failed",
                phase + ": record " + key + " failed: " + reason, Map.of("record", key)));
        record(FAILED);
    }

    public PipelineCounts counts(boolean stopped) {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> snapshot.put(k, v.get()));
        return new PipelineCounts(total, resumed, snapshot, stopped);
    }

    /** Publishes the final counts as an event and returns them. */
    public PipelineCounts finish(boolean stopped) {
        PipelineCounts counts = counts(stopped);
        Map<String, Object> data = new LinkedHashMap<>(counts.outcomes());
        data.put("total", total);
        data.put("resumed", resumed);
        data.put("stopped", stopped);
        context.event(RunEvent.info(context.runId(), phase + ".finished", phase + ": " + counts.summary(), data));
        return counts;
    }

    private void publish() {
        context.listener().onProgress(new Progress(context.runId(), phase, 0, 0, resumed + processed.get(), total,
                OptionalDouble.empty(), 0, 0, 0, 0, 0, 0, Duration.ofNanos(System.nanoTime() - startNanos)));
    }
}
