package io.llmopt.core.retry;

import io.llmopt.core.llm.LlmException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a {@link RetryingLanguageModel}, cheap to update from many threads; read them
 * through {@link #snapshot()} for a progress line ("errors retried: 12").
 */
public final class RetryStats {

    private final EnumMap<LlmException.Kind, LongAdder> retriesByKind = new EnumMap<>(LlmException.Kind.class);
    private final LongAdder succeededAfterRetry = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();

    public RetryStats() {
        for (LlmException.Kind kind : LlmException.Kind.values()) {
            retriesByKind.put(kind, new LongAdder());
        }
    }

    void retried(LlmException.Kind kind) {
        retriesByKind.get(kind).increment();
    }

    void succeededAfterRetry() {
        succeededAfterRetry.increment();
    }

    void gaveUp() {
        gaveUp.increment();
    }

    public Snapshot snapshot() {
        EnumMap<LlmException.Kind, Long> byKind = new EnumMap<>(LlmException.Kind.class);
        long total = 0;
        for (Map.Entry<LlmException.Kind, LongAdder> e : retriesByKind.entrySet()) {
            long n = e.getValue().sum();
            if (n > 0) {
                byKind.put(e.getKey(), n);
                total += n;
            }
        }
        return new Snapshot(total, Map.copyOf(byKind), succeededAfterRetry.sum(), gaveUp.sum());
    }

    /**
     * @param retries             retries made (attempts after the first), all kinds
     * @param retriesByKind       retries per failure kind that caused them (kinds with none omitted)
     * @param succeededAfterRetry calls that failed at least once and then succeeded
     * @param gaveUp              calls that failed with a retryable error on their last attempt
     */
    public record Snapshot(long retries, Map<LlmException.Kind, Long> retriesByKind, long succeededAfterRetry, long gaveUp) {
    }
}
