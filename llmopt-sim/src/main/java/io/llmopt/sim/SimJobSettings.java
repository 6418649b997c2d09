package io.llmopt.sim;

import java.time.Duration;

/**
 * How the simulated batch and fine-tuning APIs behave: how long a job takes, when a batch expires,
 * and the failures a test can ask for. Volatile: tests change them while jobs run.
 */
final class SimJobSettings {

    /** The provider's limits on one batch input file (OpenAI's: 50,000 requests, 200 MB). */
    volatile int maxBatchRequests = 50_000;
    volatile long maxBatchFileBytes = 200L * 1024 * 1024;
    /** How long a batch takes from creation to its last request, spread evenly over its requests. */
    volatile Duration batchProcessingTime = Duration.ZERO;
    /** A batch not finished this long after creation expires; its unfinished requests are reported as such. */
    volatile Duration batchExpiry = Duration.ofHours(24);
    /** When set, a batch expires once it has run this many requests, whatever the time: a test's exact expiry. */
    volatile Integer expireAfterRequests;
    /** When set, the next batch created fails as a whole with this message (then it is cleared). */
    volatile String nextBatchFailure;
    /** How long a fine-tuning job runs once it is queued. */
    volatile Duration fineTuneDuration = Duration.ZERO;
    /** When set, the next fine-tuning job fails with this message (then it is cleared). */
    volatile String nextFineTuneFailure;
    /** The fewest examples a fine-tuning file may hold (OpenAI requires 10). */
    volatile int minTrainingExamples = 10;
}
