package io.llmopt.core.batch;

/**
 * A provider's limits on one batch input file; a larger submission is split into several jobs.
 *
 * @param maxRequests lines per file (OpenAI: 50,000)
 * @param maxBytes    bytes per file (OpenAI: 200 MB)
 */
public record BatchLimits(int maxRequests, long maxBytes) {

    public static final BatchLimits OPENAI = new BatchLimits(50_000, 200L * 1024 * 1024);

    public BatchLimits {
        if (maxRequests < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("batch limits must be positive, got " + maxRequests + " requests and "
                    + maxBytes + " bytes");
        }
    }
}
