package io.llmopt.core.runtime;

import io.llmopt.core.accounting.PriceTable;
import io.llmopt.core.batch.BatchJobEnd;
import io.llmopt.core.batch.BatchListener;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.llm.TokenUsage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A model's batch jobs as run events: {@code batch.submitted} and {@code batch.ended} are kept in
 * the store (the report and the dashboard list each job from them), {@code batch.progress} (the
 * provider's counts at each poll) is only shown. An ended job carries what it cost at the batch
 * price and what it saved against the same calls made live, from the tokens the provider counted.
 */
final class BatchJobEvents implements BatchListener {

    /** Where the events go: every open run that uses the model. */
    interface Sink {
        void emit(String modelName, String type, String message, Map<String, Object> data, boolean keep);
    }

    static final String SUBMITTED = "batch.submitted";
    static final String PROGRESS = "batch.progress";
    static final String ENDED = "batch.ended";

    private final String modelName;
    private final String pricedAs;
    private final PriceTable prices;
    private final Sink sink;

    /**
     * @param modelName the configured model's name (models.NAME)
     * @param pricedAs  the provider's model name, as the price table knows it
     */
    BatchJobEvents(String modelName, String pricedAs, PriceTable prices, Sink sink) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.pricedAs = pricedAs;
        this.prices = Objects.requireNonNull(prices, "prices");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void submitted(String partKey, String batchId, int requests, boolean resumed) {
        Map<String, Object> data = base(batchId);
        data.put("requests", requests);
        data.put("resumed", resumed);
        sink.emit(modelName, SUBMITTED, String.format(Locale.ROOT, "models.%s: %s batch %s (%,d requests)", modelName,
                resumed ? "following" : "submitted", batchId, requests), data, true);
    }

    @Override
    public void progress(String partKey, String batchId, String status, int completed, int failed, int total) {
        Map<String, Object> data = base(batchId);
        data.put("status", status);
        data.put("completed", completed);
        data.put("failed", failed);
        data.put("requests", total);
        sink.emit(modelName, PROGRESS, String.format(Locale.ROOT, "models.%s: batch %s %s, %,d of %,d done%s", modelName,
                batchId, status, completed, total, failed > 0 ? String.format(Locale.ROOT, ", %,d failed", failed) : ""),
                data, false);
    }

    @Override
    public void ended(BatchJobEnd end) {
        double live = prices.cost(pricedAs, new TokenUsage(end.promptTokens(), end.completionTokens()));
        double cost = live * prices.batchFactor();
        Map<String, Object> data = base(end.batchId());
        data.put("status", end.status());
        data.put("requests", end.requests());
        data.put("succeeded", end.succeeded());
        data.put("unfinished", end.unfinished());
        data.put("prompt_tokens", end.promptTokens());
        data.put("completion_tokens", end.completionTokens());
        data.put("duration_ms", end.duration().toMillis());
        data.put("cost", cost);
        data.put("saved", live - cost);
        sink.emit(modelName, ENDED, String.format(Locale.ROOT, "models.%s: batch %s %s in %s, %,d of %,d answered,"
                        + " $%.4f (saved $%.4f)%s", modelName, end.batchId(), end.status(), seconds(end.duration().toMillis()),
                end.succeeded(), end.requests(), cost, live - cost,
                end.unfinished() > 0 ? String.format(Locale.ROOT, "; %,d request(s) submitted again", end.unfinished()) : ""),
                data, true);
    }

    private Map<String, Object> base(String batchId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", modelName);
        data.put("batch_id", batchId);
        return data;
    }

    private static String seconds(long millis) {
        return millis < 60_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : String.format(Locale.ROOT, "%d min %d s", millis / 60_000, millis / 1000 % 60);
    }
}
