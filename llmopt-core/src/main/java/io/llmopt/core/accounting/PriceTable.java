package io.llmopt.core.accounting;

import io.llmopt.core.llm.TokenUsage;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * USD prices per model name, used to turn token counts into money.
 *
 * <p>A name matches its exact entry, or else the longest entry it extends with a '-' suffix, so a
 * dated snapshot such as {@code gpt-4o-mini-2024-07-18} is priced as {@code gpt-4o-mini}. A model
 * with no price costs 0 and {@link #isPriced} says so, for the report to flag (local models are
 * free; an unpriced paid model is a configuration gap, not a free lunch).
 *
 * <p>Immutable; {@link #with} returns a new table.
 */
public final class PriceTable {

    private static final PriceTable DEFAULTS = new PriceTable(Map.of(
            // OpenAI list prices (USD per 1M tokens, standard tier); override when they change.
            "gpt-4o", new ModelPrice(2.50, 10.00),
            "gpt-4o-mini", new ModelPrice(0.15, 0.60),
            "gpt-4.1", new ModelPrice(2.00, 8.00),
            "gpt-4.1-mini", new ModelPrice(0.40, 1.60),
            "gpt-4.1-nano", new ModelPrice(0.10, 0.40),
            "gpt-4-turbo", new ModelPrice(10.00, 30.00),
            "gpt-3.5-turbo", new ModelPrice(0.50, 1.50),
            "o3-mini", new ModelPrice(1.10, 4.40)));

    /** What a provider batch job costs against the same calls made live: OpenAI's batch API is half price. */
    public static final double DEFAULT_BATCH_FACTOR = 0.5;

    private final Map<String, ModelPrice> prices;
    private final double batchFactor;

    private PriceTable(Map<String, ModelPrice> prices) {
        this(prices, DEFAULT_BATCH_FACTOR);
    }

    private PriceTable(Map<String, ModelPrice> prices, double batchFactor) {
        this.prices = Map.copyOf(prices);
        if (!(batchFactor > 0 && batchFactor <= 1)) {
            throw new IllegalArgumentException("the batch price factor must be in (0, 1], got " + batchFactor);
        }
        this.batchFactor = batchFactor;
    }

    /** The share of the live price a call answered by a provider batch job costs. */
    public double batchFactor() {
        return batchFactor;
    }

    /** This table with another batch price factor (e.g. 1.0 for a provider whose batches cost the same). */
    public PriceTable withBatchFactor(double factor) {
        return new PriceTable(prices, factor);
    }

    /** The built-in prices of a few common OpenAI models. */
    public static PriceTable defaults() {
        return DEFAULTS;
    }

    public static PriceTable empty() {
        return new PriceTable(Map.of());
    }

    /** This table with {@code model} priced as given (replacing a built-in price). */
    public PriceTable with(String model, ModelPrice price) {
        Map<String, ModelPrice> copy = new HashMap<>(prices);
        copy.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(price, "price"));
        return new PriceTable(copy, batchFactor);
    }

    public PriceTable with(String model, double promptPerMillion, double completionPerMillion) {
        return with(model, new ModelPrice(promptPerMillion, completionPerMillion));
    }

    /** This table with every entry of {@code overrides} added or replaced. */
    public PriceTable withAll(Map<String, ModelPrice> overrides) {
        Map<String, ModelPrice> copy = new HashMap<>(prices);
        copy.putAll(overrides);
        return new PriceTable(copy, batchFactor);
    }

    public Optional<ModelPrice> priceOf(String model) {
        ModelPrice exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String name : prices.keySet()) {
            if (model.startsWith(name + "-") && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return Optional.ofNullable(best).map(prices::get);
    }

    public boolean isPriced(String model) {
        return priceOf(model).isPresent();
    }

    /** The cost of {@code usage} on {@code model}; 0 for an unpriced model. */
    public double cost(String model, TokenUsage usage) {
        return priceOf(model).orElse(ModelPrice.FREE).cost(usage);
    }

    public Map<String, ModelPrice> entries() {
        return Collections.unmodifiableMap(prices);
    }
}
