package io.llmopt.core.retry;

import io.llmopt.core.llm.LlmException;
import java.time.Duration;

/**
 * One retry about to happen.
 *
 * @param attempt the attempt that just failed (1 for the first call)
 * @param failure why it failed
 * @param delay   how long the retry waits before the next attempt
 */
public record RetryEvent(int attempt, LlmException failure, Duration delay) {

    public LlmException.Kind kind() {
        return failure.kind();
    }
}
