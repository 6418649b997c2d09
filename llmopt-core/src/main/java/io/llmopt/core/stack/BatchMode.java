package io.llmopt.core.stack;

import io.llmopt.core.batch.BatchChannel;
import io.llmopt.core.batch.BatchPhases;
import io.llmopt.core.batch.BatchSettings;
import io.llmopt.core.http.BatchWire;
import java.util.Objects;

/**
 * What a model in batch mode needs for its batching layer ({@link Layer#BATCH}).
 *
 * @param channel      where the batches run (a provider's batch API, files exchanged with a cluster job)
 * @param wire         the request and response shapes of the batch files
 * @param settings     gathering, polling and what to do with failed requests
 * @param submissionId names the model's submissions in the journal (stable across attempts of a run)
 * @param phases       the phases whose calls are batched; the others' calls go live
 */
public record BatchMode(BatchChannel channel, BatchWire wire, BatchSettings settings, String submissionId,
                        BatchPhases phases) {

    /** Every call batched, whatever phase the run is in. */
    public BatchMode(BatchChannel channel, BatchWire wire, BatchSettings settings, String submissionId) {
        this(channel, wire, settings, submissionId, BatchPhases.all());
    }

    public BatchMode {
        Objects.requireNonNull(phases, "phases");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(wire, "wire");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(submissionId, "submissionId");
    }
}
