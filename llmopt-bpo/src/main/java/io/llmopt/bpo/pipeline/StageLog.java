package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.store.WorkItem;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The work items of one stage in one run: what was finished before (read once when opened) and
 * each new output, recorded as its own unit of work as soon as it is known.
 *
 * <p>A stage's output is stored with status {@code done}; a record whose call failed is stored as
 * {@code failed} and is done again by the next run. Recording replaces an item with the same key,
 * so a re-run never leaves duplicates.
 */
public final class StageLog {

    static final ObjectMapper JSON = new ObjectMapper();

    private final RunContext context;
    private final String kind;
    private final Map<String, JsonNode> done = new ConcurrentHashMap<>();

    private StageLog(RunContext context, String kind) {
        this.context = context;
        this.kind = kind;
    }

    /** Reads the stage's finished items of the context's run. */
    public static StageLog open(RunContext context, String kind) {
        StageLog log = new StageLog(context, kind);
        for (WorkItem item : context.store().workItems(context.runId(), kind)) {
            if (WorkItem.DONE.equals(item.status()) && item.payloadJson() != null) {
                log.done.put(item.key(), parse(item.payloadJson(), kind, item.key()));
            }
        }
        return log;
    }

    public String kind() {
        return kind;
    }

    /** The payload of a finished item, if the stage already has one for {@code key}. */
    public Optional<JsonNode> done(String key) {
        return Optional.ofNullable(done.get(key));
    }

    /** Keys of the finished items, this run's new ones included. */
    public Set<String> doneKeys() {
        return Set.copyOf(done.keySet());
    }

    /**
     * Queues the item as one unit of work; the future completes when it is committed. Pipelines do
     * not wait for it (a commit batch can take a while) and flush the store at the end instead.
     */
    public CompletableFuture<Void> record(String key, String status, JsonNode payload) {
        if (WorkItem.DONE.equals(status)) {
            done.put(key, payload);
        }
        String json = payload.toString();
        return context.store().transaction(tx -> tx.workItem(new WorkItem(context.runId(), kind, key, json, status, null)));
    }

    /**
     * The stage's output for {@code key}: the stored one when there is one, otherwise what
     * {@code compute} produces, recorded before it is passed on. A failed computation is passed on
     * as a failure and not recorded here (the record's last stage records the failure).
     */
    public <T> CompletableFuture<T> computeIfAbsent(String key, Supplier<CompletableFuture<T>> compute,
                                                   Function<T, JsonNode> encode, Function<JsonNode, T> decode) {
        JsonNode stored = done.get(key);
        if (stored != null) {
            return CompletableFuture.completedFuture(decode.apply(stored));
        }
        CompletableFuture<T> started;
        try {
            started = compute.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.thenApply(value -> {
            record(key, WorkItem.DONE, encode.apply(value));
            return value;
        });
    }

    private static JsonNode parse(String json, String kind, String key) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("work item " + kind + "/" + key + " holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
