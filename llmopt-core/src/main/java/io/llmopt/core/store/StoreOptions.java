package io.llmopt.core.store;

import java.time.Duration;

/**
 * How the store's writer batches.
 *
 * @param batchSize     most queued writes committed in one transaction
 * @param maxDelay      longest a queued write waits for others to share its transaction
 * @param queueCapacity rows queued before producers wait (a unit of work counts its rows): bounds the
 *                      memory a fast producer can use
 * @param busyTimeout   how long a connection waits for a lock held by another process
 */
public record StoreOptions(int batchSize, Duration maxDelay, int queueCapacity, Duration busyTimeout) {

    public StoreOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1, got " + queueCapacity);
        }
        if (maxDelay.isNegative() || busyTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** 2,000 writes or 200 ms per transaction, 20,000 queued rows, 10 s busy time-out. */
    public static StoreOptions defaults() {
        return new StoreOptions(2_000, Duration.ofMillis(200), 20_000, Duration.ofSeconds(10));
    }

    public StoreOptions withBatchSize(int value) {
        return new StoreOptions(value, maxDelay, queueCapacity, busyTimeout);
    }

    public StoreOptions withMaxDelay(Duration value) {
        return new StoreOptions(batchSize, value, queueCapacity, busyTimeout);
    }

    public StoreOptions withQueueCapacity(int value) {
        return new StoreOptions(batchSize, maxDelay, value, busyTimeout);
    }
}
