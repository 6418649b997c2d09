package io.llmopt.core.store;

/**
 * Counters of what has been recorded for a run, read in one cheap query. Two snapshots differ
 * exactly when something was written in between, which is how a viewer in another process (the
 * dashboard) notices that a run moved without re-reading all of it.
 *
 * @param status             the run's status
 * @param steps              steps recorded
 * @param finishedSteps      steps recorded as finished
 * @param candidates         candidates recorded
 * @param scores             split scores set, over all candidates
 * @param exampleResults     per-example results recorded
 * @param lastEventId        the newest event's id (0 without events)
 * @param workItems          work items recorded
 * @param lastWorkItemUpdate when a work item was last recorded, or null
 * @param calls              model calls logged
 * @param summaryLength      the summary's length in characters (0 without one): a changed summary
 *                           nearly always changes length, and anything else that moved with it does
 */
public record RunActivity(
        RunStatus status,
        long steps,
        long finishedSteps,
        long candidates,
        long scores,
        long exampleResults,
        long lastEventId,
        long workItems,
        String lastWorkItemUpdate,
        long calls,
        long summaryLength) {
}
