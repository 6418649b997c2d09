package io.llmopt.bpo.pipeline;

import io.llmopt.core.runtime.RunContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The single model calls of a stage that makes more than one per record: the rounds of a rewrite,
 * eval's two responses, the judge's two orders. Each call's result is its own work item of kind
 * {@code <stage kind>.call}, key {@code <record id>/<call>}, recorded as soon as the call returns,
 * before the stage's own item; a re-run reuses them and makes only the calls still missing. So a
 * call that succeeded is not paid for again when its sibling failed, or when the process died
 * after it but before the stage's item was stored.
 */
final class CallLog {

    static final String SUFFIX = ".call";

    private final StageLog log;

    private CallLog(StageLog log) {
        this.log = log;
    }

    /** Reads the calls stored by earlier runs for the stage of kind {@code stageKind}. */
    static CallLog open(RunContext context, String stageKind) {
        return new CallLog(StageLog.open(context, kind(stageKind)));
    }

    static String kind(String stageKind) {
        return stageKind + SUFFIX;
    }

    /** The item key of one call; call names hold no '/', so different (id, call) never share a key. */
    static String key(String id, String call) {
        return id + "/" + call;
    }

    /** The stored result of the call, or what {@code compute} returns, recorded as soon as it succeeds. */
    <T> CompletableFuture<T> computeIfAbsent(String id, String call, Supplier<CompletableFuture<T>> compute,
                                             Function<T, JsonNode> encode, Function<JsonNode, T> decode) {
        return log.computeIfAbsent(key(id, call), compute, encode, decode);
    }
}
