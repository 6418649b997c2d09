package io.llmopt.bpo.train;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What hosted training costs per million trained tokens (tokens in the file times epochs), for the
 * estimate shown before a job is created. OpenAI's published prices for its fine-tunable models;
 * any other model, or a price that changed, is given with {@code --training-price}.
 */
public final class TrainingPrices {

    private static final Map<String, Double> USD_PER_MILLION = Map.of(
            "gpt-4o-mini", 3.00,
            "gpt-4o", 25.00,
            "gpt-4.1-nano", 1.50,
            "gpt-4.1-mini", 5.00,
            "gpt-4.1", 25.00,
            "gpt-3.5-turbo", 8.00);

    private TrainingPrices() {
    }

    /** The price for {@code model} (a dated snapshot matches its family), if known. */
    public static OptionalDouble perMillion(String model) {
        String best = null;
        for (String family : USD_PER_MILLION.keySet()) {
            if ((model.equals(family) || model.startsWith(family + "-")) && (best == null || family.length() > best.length())) {
                best = family;
            }
        }
        return best == null ? OptionalDouble.empty() : OptionalDouble.of(USD_PER_MILLION.get(best));
    }
}
