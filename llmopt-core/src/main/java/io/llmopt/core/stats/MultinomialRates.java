package io.llmopt.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Rates of the outcomes of a multinomial count (win/tie/lose, correct/wrong/unparsed, ...), each
 * with a 95% Wilson interval.
 *
 * <p>The intervals are marginal (one outcome against all the others), which is what a reader of
 * "win rate 45% [40%, 50%]" expects; they are not simultaneous intervals for the whole vector.
 */
public final class MultinomialRates {

    private final Map<String, CategoryRate> rates;
    private final long total;

    private MultinomialRates(Map<String, CategoryRate> rates, long total) {
        this.rates = rates;
        this.total = total;
    }

    /** Rates at 95% confidence; the map's iteration order is kept. */
    public static MultinomialRates of(Map<String, Long> counts) {
        return of(counts, WilsonInterval.DEFAULT_CONFIDENCE);
    }

    public static MultinomialRates of(Map<String, Long> counts, double confidence) {
        Objects.requireNonNull(counts, "counts");
        long total = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("count of " + e.getKey() + " must be non-negative, got " + e.getValue());
            }
            total += e.getValue();
        }
        Map<String, CategoryRate> rates = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            rates.put(e.getKey(), CategoryRate.of(e.getKey(), e.getValue(), total, confidence));
        }
        return new MultinomialRates(rates, total);
    }

    public long total() {
        return total;
    }

    /** The rate of one outcome; throws for an outcome that was not counted. */
    public CategoryRate get(String category) {
        CategoryRate rate = rates.get(category);
        if (rate == null) {
            throw new NoSuchElementException("no outcome named " + category + "; known: " + rates.keySet());
        }
        return rate;
    }

    /** All outcomes in the order given. */
    public List<CategoryRate> all() {
        return List.copyOf(new ArrayList<>(rates.values()));
    }
}
