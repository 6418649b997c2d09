package io.llmopt.report;

/**
 * One provider batch job of a run, as its {@code batch.submitted} and {@code batch.ended} events
 * recorded it.
 *
 * @param batchId     the provider's job id
 * @param model       the configured model (models.NAME) whose calls it ran
 * @param requests    the requests it held
 * @param status      completed, expired, cancelled or failed once ended; "running" while no end is recorded
 * @param durationMs  from its creation (or, after a restart, from when it was found again) to its end; null while running
 * @param cost        what its answers cost at the batch price; null while running
 * @param saved       what they would have cost more as live calls; null while running
 */
public record BatchJobRow(String batchId, String model, int requests, String status, Long durationMs, Double cost,
                          Double saved) {

    public boolean ended() {
        return durationMs != null;
    }
}
