package io.llmopt.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.core.http.BatchWire;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A layer that gathers the calls made to it into provider batch jobs and completes each caller's
 * future from the job's results, so callers never know: the OPRO loop and the BPO pipelines run as
 * they do live, only slower and at the batch price.
 *
 * <p>Calls are gathered until no new one has come for {@link BatchSettings#quiet()} (the caller's
 * phase has issued its calls) or the provider's file limits are reached, then submitted as one
 * submission; submissions run one at a time, and calls made meanwhile wait for the next. A
 * request's id in the batch is the hash of its body, so a resumed run that makes the same call
 * finds it in the job an earlier attempt left running instead of submitting it again. A request
 * the batch could not run (an error reply, a job that failed as a whole) is made live through the
 * layers below, unless the settings say otherwise. A stop leaves running jobs running and fails
 * the waiting calls as cancelled.
 */
public final class BatchingLanguageModel implements LanguageModel {

    private record Waiting(ChatRequest request, JsonNode body, List<CompletableFuture<ChatResponse>> futures) {
    }

    private final LanguageModel below;
    private final BatchChannel channel;
    private final BatchWire wire;
    private final BatchSettings settings;
    private final String submissionId;
    private final BooleanSupplier stop;
    private final BooleanSupplier batching;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llmopt-batch-timer");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService submissions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "llmopt-batch");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private Map<String, Waiting> gathering = new LinkedHashMap<>();
    private ScheduledFuture<?> quietTimer;

    /**
     * @param submissionId names this model's submissions in the journal (stable across attempts of a run)
     * @param stop         true once the run is asked to stop
     */
    public BatchingLanguageModel(LanguageModel below, BatchChannel channel, BatchWire wire, BatchSettings settings,
                                 String submissionId, BooleanSupplier stop) {
        this(below, channel, wire, settings, submissionId, stop, () -> true);
    }

    /**
     * @param batching asked for each call: false sends it live (the run is in a phase that is not
     *                 batched, see {@link BatchPhases#batching()})
     */
    public BatchingLanguageModel(LanguageModel below, BatchChannel channel, BatchWire wire, BatchSettings settings,
                                 String submissionId, BooleanSupplier stop, BooleanSupplier batching) {
        this.batching = Objects.requireNonNull(batching, "batching");
        this.below = Objects.requireNonNull(below, "below");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.submissionId = Objects.requireNonNull(submissionId, "submissionId");
        this.stop = stop == null ? () -> false : stop;
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        if (!batching.getAsBoolean()) {
            return below.chat(request);
        }
        if (!wire.accepts(request)) {
            // the live backend refuses the wrong request form with a clear error; a batch line cannot
            return below.chat(request);
        }
        JsonNode body = wire.body(request);
        String id = hash(body);
        CompletableFuture<ChatResponse> future = new CompletableFuture<>();
        synchronized (lock) {
            gathering.computeIfAbsent(id, k -> new Waiting(request, body, new ArrayList<>())).futures().add(future);
            if (gathering.size() >= settings.limits().maxRequests()) {
                submitGathered();
            } else {
                if (quietTimer != null) {
                    quietTimer.cancel(false);
                }
                quietTimer = timer.schedule(this::submitWhenQuiet, settings.quiet().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return future;
    }

    private void submitWhenQuiet() {
        synchronized (lock) {
            submitGathered();
        }
    }

    /** Hands what was gathered to the submission thread; the caller holds the lock. */
    private void submitGathered() {
        if (gathering.isEmpty()) {
            return;
        }
        Map<String, Waiting> batch = gathering;
        gathering = new LinkedHashMap<>();
        submissions.execute(() -> run(batch));
    }

    private void run(Map<String, Waiting> batch) {
        List<BatchLine> lines = new ArrayList<>(batch.size());
        batch.forEach((id, w) -> lines.add(new BatchLine(id, w.body())));
        BatchSubmitter.Outcome outcome;
        try {
            outcome = channel.run(submissionId, wire.endpoint(), lines, stop);
        } catch (BatchSubmitter.BatchFailedException e) {
            batch.values().forEach(w -> live(w, e.getMessage()));
            return;
        } catch (RuntimeException e) {
            batch.values().forEach(w -> w.futures().forEach(f -> f.completeExceptionally(e)));
            return;
        }
        batch.forEach((id, w) -> {
            BatchResult r = outcome.results().get(id);
            if (r != null && r.succeeded()) {
                try {
                    ChatResponse response = wire.response(r.body());
                    w.futures().forEach(f -> f.complete(response));
                } catch (IllegalArgumentException e) {
                    live(w, e.getMessage());
                }
            } else if (outcome.stopped()) {
                w.futures().forEach(f -> f.completeExceptionally(new LlmException(LlmException.Kind.CANCELLED, info(),
                        "stopped while its batch job runs; the job goes on at the provider and a resumed run collects it",
                        null, null)));
            } else {
                live(w, r == null ? "no result" : r.statusCode() != 0 ? "HTTP " + r.statusCode() : r.errorCode());
            }
        });
    }

    /** The request made live below (or failed, when the settings say so), after its batch run failed. */
    private void live(Waiting w, String why) {
        if (!settings.retrySync()) {
            w.futures().forEach(f -> f.completeExceptionally(new LlmException(LlmException.Kind.SERVER_ERROR, info(),
                    "its batch run failed (" + why + ")", null, null)));
            return;
        }
        below.chat(w.request()).whenComplete((response, error) -> w.futures().forEach(f -> {
            if (error != null) {
                f.completeExceptionally(error);
            } else {
                f.complete(response);
            }
        }));
    }

    @Override
    public ModelInfo info() {
        return below.info();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        submissions.shutdownNow();
        below.close();
    }

    private static String hash(JsonNode body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
