package io.llmopt.core.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * How a model gathers calls into batch jobs.
 *
 * @param limits       the provider's file limits (a gathering that reaches them is submitted at once)
 * @param quiet        how long no new call may arrive before what was gathered is submitted: the
 *                     caller's phase has issued all its calls
 * @param pollInterval how often a job is asked how it is doing
 * @param retrySync    a request whose batch run failed is made live (true), or fails (false)
 */
public record BatchSettings(BatchLimits limits, Duration quiet, Duration pollInterval, boolean retrySync) {

    public BatchSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** OpenAI's limits, half a second of quiet, a 30-second poll, failed requests retried live. */
    public static BatchSettings defaults() {
        return new BatchSettings(BatchLimits.OPENAI, Duration.ofMillis(500), Duration.ofSeconds(30), true);
    }

    public BatchSettings withPollInterval(Duration value) {
        return new BatchSettings(limits, quiet, value, retrySync);
    }

    public BatchSettings withQuiet(Duration value) {
        return new BatchSettings(limits, value, pollInterval, retrySync);
    }

    public BatchSettings withRetrySync(boolean value) {
        return new BatchSettings(limits, quiet, pollInterval, value);
    }

    public BatchSettings withLimits(BatchLimits value) {
        return new BatchSettings(value, quiet, pollInterval, retrySync);
    }
}
