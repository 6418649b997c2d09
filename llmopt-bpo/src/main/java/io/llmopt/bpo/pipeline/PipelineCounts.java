package io.llmopt.bpo.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the records of one pipeline run ended.
 *
 * @param total    records in the input (after duplicates were dropped)
 * @param resumed  records finished by an earlier run and not processed again
 * @param outcomes this run's records by outcome ("kept", "filtered", "failed", "judged", ...)
 * @param stopped  true when a stop request ended the run before every record was processed
 */
public record PipelineCounts(long total, long resumed, Map<String, Long> outcomes, boolean stopped) {

    public PipelineCounts {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /** This run's records with the given outcome (0 when none). */
    public long count(String outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** Records processed by this run. */
    public long processed() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records not yet finished: not processed (stopped early) or failed, to be done by a re-run. */
    public long remaining() {
        return total - resumed - processed() + count(PipelineProgress.FAILED);
    }

    /** "12 kept, 3 filtered, 1 failed, 20 resumed". */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        outcomes.forEach((name, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(name));
        if (resumed > 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append(resumed).append(" resumed");
        }
        if (stopped) {
            sb.append(sb.isEmpty() ? "" : ", ").append("stopped early");
        }
        return sb.isEmpty() ? "nothing to do" : sb.toString();
    }
}
