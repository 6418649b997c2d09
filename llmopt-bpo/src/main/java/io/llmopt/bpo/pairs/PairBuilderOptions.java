package io.llmopt.bpo.pairs;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link PairBuilder}.
 *
 * @param temperature              sampling temperature of the pair-construction call (reference 0.9)
 * @param maxTokens                completion cap, or null for the server default (the reference sets none)
 * @param maxConcurrency           how many model calls may be in flight at once
 * @param filters                  filters applied to parsed pairs
 * @param filterRecordsWithContext whether the filters also apply to records with context; the
 *                                 reference filters only its no-context data, so false by default
 * @param contextAttachment        how context is put back into both prompts
 * @param seed                     seed of the random context layout; each record draws from its own
 *                                 generator seeded from this and its id, so the result does not
 *                                 depend on completion order
 */
public record PairBuilderOptions(double temperature, Integer maxTokens, int maxConcurrency, List<PairFilter> filters,
                                 boolean filterRecordsWithContext, ContextAttachment contextAttachment, long seed) {

    public PairBuilderOptions {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
        }
        filters = List.copyOf(filters);
        Objects.requireNonNull(contextAttachment, "contextAttachment");
    }

    /** The reference's settings, 8 calls in flight. */
    public static PairBuilderOptions defaults() {
        return new PairBuilderOptions(0.9, null, 8, PairFilters.reference(), false, ContextAttachment.REFERENCE, 0);
    }

    public PairBuilderOptions withMaxConcurrency(int value) {
        return new PairBuilderOptions(temperature, maxTokens, value, filters, filterRecordsWithContext, contextAttachment, seed);
    }

    public PairBuilderOptions withTemperature(double value) {
        return new PairBuilderOptions(value, maxTokens, maxConcurrency, filters, filterRecordsWithContext, contextAttachment, seed);
    }

    public PairBuilderOptions withFilters(List<PairFilter> value, boolean alsoWithContext) {
        return new PairBuilderOptions(temperature, maxTokens, maxConcurrency, value, alsoWithContext, contextAttachment, seed);
    }

    public PairBuilderOptions withContextAttachment(ContextAttachment value, long newSeed) {
        return new PairBuilderOptions(temperature, maxTokens, maxConcurrency, filters, filterRecordsWithContext, value, newSeed);
    }
}
