package io.llmopt.core.batch;

import java.time.Duration;

/**
 * What a batch job came to when it ended, for the run's events, the report and the money saved.
 *
 * @param partKey          the journal's name of the part the job ran
 * @param batchId          the provider's job id
 * @param status           completed, expired, cancelled or failed
 * @param requests         the requests the job held
 * @param succeeded        requests it answered
 * @param unfinished       requests it left without an answer (submitted again, or made live)
 * @param promptTokens     prompt tokens of the answered requests, as the provider counted them
 * @param completionTokens completion tokens of the answered requests
 * @param duration         from its creation (or, after a restart, from when it was found again) to its end
 */
public record BatchJobEnd(String partKey, String batchId, String status, int requests, int succeeded, int unfinished,
                          long promptTokens, long completionTokens, Duration duration) {
}
