package io.llmopt.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A run's starts and resumes: when it first started, how many times it was started, and the time
 * spent running summed over them (not the wall-clock time from the first start, which counts the
 * hours a stopped run waited to be resumed).
 *
 * @param attempts       starts and resumes (0 for a run never started)
 * @param firstStartedAt the first start, or null
 * @param lastStartedAt  the last (re)start, or null
 * @param ended          active time of the attempts that ended
 * @param running        true while the last attempt is running (its time is counted up to "now")
 */
public record RunAttempts(int attempts, Instant firstStartedAt, Instant lastStartedAt, Duration ended, boolean running) {

    /** The time spent running, the current attempt counted up to {@code now}. */
    public Duration active(Instant now) {
        if (running && lastStartedAt != null && now.isAfter(lastStartedAt)) {
            return ended.plus(Duration.between(lastStartedAt, now));
        }
        return ended;
    }
}
