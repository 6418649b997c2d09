package io.llmopt.bpo.train;

import java.time.Duration;
import java.util.Objects;

/**
 * What a hosted fine-tuning job is asked for.
 *
 * @param baseModel              the provider's name of the model to fine-tune
 * @param epochs                 passes over the data; null lets the provider choose (the paper used 5)
 * @param learningRateMultiplier null lets the provider choose
 * @param batchSize              null lets the provider choose
 * @param suffix                 a tag in the new model's name (e.g. "bpo"), or null
 * @param seed                   the job's seed, for a reproducible job where the provider honours it
 * @param pollInterval           how often the job is asked how it is doing
 */
public record HostedTrainingOptions(String baseModel, Integer epochs, Double learningRateMultiplier, Integer batchSize,
                                    String suffix, long seed, Duration pollInterval) {

    public HostedTrainingOptions {
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (epochs != null && (epochs < 1 || epochs > 50)) {
            throw new IllegalArgumentException("epochs must be between 1 and 50, got " + epochs);
        }
    }

    /** The paper's 5 epochs, the provider's other defaults, a 10-second poll. */
    public static HostedTrainingOptions paper(String baseModel) {
        return new HostedTrainingOptions(baseModel, 5, null, null, "bpo", 42, Duration.ofSeconds(10));
    }

    public HostedTrainingOptions withPollInterval(Duration value) {
        return new HostedTrainingOptions(baseModel, epochs, learningRateMultiplier, batchSize, suffix, seed, value);
    }
}
