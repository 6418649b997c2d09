package io.llmopt.core.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The journal as work items of a run in the run store (kind {@value #KIND}), written and waited for. */
public final class StoreBatchJournal implements BatchJournal {

    public static final String KIND = "batch-part";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunStore store;
    private final String runId;

    public StoreBatchJournal(RunStore store, String runId) {
        this.store = store;
        this.runId = runId;
    }

    @Override
    public Optional<Part> part(String key) {
        return store.workItem(runId, KIND, key).map(StoreBatchJournal::decode);
    }

    @Override
    public void record(Part part) {
        try {
            String json = JSON.writeValueAsString(part);
            store.transactionAndWait(tx -> tx.workItem(new WorkItem(runId, KIND, part.key(), json, part.status(), null)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Part> parts(String submissionId) {
        List<Part> out = new ArrayList<>();
        for (WorkItem item : store.workItems(runId, KIND)) {
            if (item.key().startsWith(submissionId + "#")) {
                out.add(decode(item));
            }
        }
        return out;
    }

    private static Part decode(WorkItem item) {
        try {
            return JSON.readValue(item.payloadJson(), Part.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored batch part of run " + item.runId() + " cannot be read", e);
        }
    }
}
