package io.llmopt.core.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link PooledLanguageModel} takes a member out of rotation.
 *
 * @param failuresToEject consecutive retryable failures (connection, time-out, server error, ...)
 *                        after which a member is ejected
 * @param coolDown        how long an ejected member rests before it gets one trial call
 */
public record PoolPolicy(int failuresToEject, Duration coolDown) {

    public PoolPolicy {
        if (failuresToEject < 1) {
            throw new IllegalArgumentException("failuresToEject must be at least 1");
        }
        Objects.requireNonNull(coolDown, "coolDown");
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("coolDown cannot be negative");
        }
    }

    /** Three failures in a row eject a member for 30 seconds. */
    public static PoolPolicy defaults() {
        return new PoolPolicy(3, Duration.ofSeconds(30));
    }
}
