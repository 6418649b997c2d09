package io.llmopt.core.config;

/**
 * Batch mode of one model, as written under {@code models.NAME.batch}: its calls are gathered into
 * provider batch jobs (half price at OpenAI, results within a day) or exchanged as files with a
 * cluster job. Every field may be left out.
 *
 * @param enabled      true puts the model in batch mode
 * @param maxRequests  requests per batch file (default 50,000, OpenAI's limit)
 * @param maxBytes     bytes per batch file (default 200 MB, OpenAI's limit)
 * @param pollSeconds  how often a job is asked how it is doing (default 30)
 * @param quietMs      how long without a new call before the gathered calls are submitted (default 500)
 * @param retry        "sync" (default): a request the batch could not run is made live; "fail": it fails
 * @param filesDir     instead of a provider's batch API, write batch input files to this folder and read
 *                     the output files something else (vllm run-batch) writes there
 */
public record BatchConfig(Boolean enabled, Integer maxRequests, Long maxBytes, Double pollSeconds, Integer quietMs,
                          String retry, String filesDir) {

    public boolean isEnabled() {
        return Boolean.TRUE.equals(enabled);
    }
}
