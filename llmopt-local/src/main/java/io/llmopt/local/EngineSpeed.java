package io.llmopt.local;

import java.time.Duration;

/**
 * How fast the embedded engine is on this machine, measured (see {@link EngineSpeedProbe}): prompt
 * tokens read per second and tokens generated per second. Generating is the slow part on a CPU,
 * often by ten times or more, so the two are kept apart.
 */
public record EngineSpeed(double promptTokensPerSecond, double completionTokensPerSecond) {

    public EngineSpeed {
        if (!(promptTokensPerSecond > 0) || !(completionTokensPerSecond > 0)
                || !Double.isFinite(promptTokensPerSecond) || !Double.isFinite(completionTokensPerSecond)) {
            throw new IllegalArgumentException("engine speeds must be positive, got " + promptTokensPerSecond
                    + " prompt and " + completionTokensPerSecond + " completion tokens per second");
        }
    }

    /**
     * The time to read {@code promptTokens} and write {@code completionTokens}, one call after the
     * other: parallel slots share the same CPU cores, so they add little on a laptop and the
     * estimate does not count on them.
     */
    public Duration timeFor(long promptTokens, long completionTokens) {
        double seconds = promptTokens / promptTokensPerSecond + completionTokens / completionTokensPerSecond;
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
