package io.llmopt.opro.numeric;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link NumericOptimizer} run. Defaults follow the paper: 8 candidates per step at
 * temperature 1.0, up to 1024 generated tokens.
 *
 * @param candidatesPerStep       k, the optimizer outputs requested per step
 * @param temperature            optimizer sampling temperature
 * @param maxTokens              optimizer completion cap, or null for the server default
 * @param samplingMode           one request with n = k, or k single requests
 * @param seed                   base sampling seed (varied per step and call), or null
 * @param maxSteps               the step limit
 * @param maxEvaluations         the evaluation budget, starting solutions included
 * @param patience               stop after this many steps without improvement; 0 disables
 * @param maxConcurrentEvaluations how many evaluations may run at once
 * @param evaluationTimeout      a time-out per evaluation; the evaluation then counts as failed
 */
public record NumericOptimizerConfig(
        int candidatesPerStep,
        double temperature,
        Integer maxTokens,
        SamplingMode samplingMode,
        Long seed,
        int maxSteps,
        int maxEvaluations,
        int patience,
        int maxConcurrentEvaluations,
        Duration evaluationTimeout) {

    public NumericOptimizerConfig {
        Objects.requireNonNull(samplingMode, "samplingMode");
        Objects.requireNonNull(evaluationTimeout, "evaluationTimeout");
        require(candidatesPerStep >= 1, "candidatesPerStep must be at least 1");
        require(maxSteps >= 0, "maxSteps cannot be negative");
        require(maxEvaluations >= 1, "maxEvaluations must be at least 1");
        require(patience >= 0, "patience cannot be negative");
        require(maxConcurrentEvaluations >= 1, "maxConcurrentEvaluations must be at least 1");
        require(!evaluationTimeout.isNegative() && !evaluationTimeout.isZero(), "evaluationTimeout must be positive");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static NumericOptimizerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().candidatesPerStep(candidatesPerStep).temperature(temperature).maxTokens(maxTokens)
                .samplingMode(samplingMode).seed(seed).maxSteps(maxSteps).maxEvaluations(maxEvaluations)
                .patience(patience).maxConcurrentEvaluations(maxConcurrentEvaluations)
                .evaluationTimeout(evaluationTimeout);
    }

    /** Builder with the paper's defaults; 500 steps as in the reference scripts. */
    public static final class Builder {
        private int candidatesPerStep = 8;
        private double temperature = 1.0;
        private Integer maxTokens = 1024;
        private SamplingMode samplingMode = SamplingMode.BATCH;
        private Long seed;
        private int maxSteps = 500;
        private int maxEvaluations = Integer.MAX_VALUE;
        private int patience;
        private int maxConcurrentEvaluations = 4;
        private Duration evaluationTimeout = Duration.ofMinutes(5);

        public Builder candidatesPerStep(int value) {
            candidatesPerStep = value;
            return this;
        }

        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        public Builder maxTokens(Integer value) {
            maxTokens = value;
            return this;
        }

        public Builder samplingMode(SamplingMode value) {
            samplingMode = value;
            return this;
        }

        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        public Builder maxSteps(int value) {
            maxSteps = value;
            return this;
        }

        public Builder maxEvaluations(int value) {
            maxEvaluations = value;
            return this;
        }

        public Builder patience(int value) {
            patience = value;
            return this;
        }

        public Builder maxConcurrentEvaluations(int value) {
            maxConcurrentEvaluations = value;
            return this;
        }

        public Builder evaluationTimeout(Duration value) {
            evaluationTimeout = value;
            return this;
        }

        public NumericOptimizerConfig build() {
            return new NumericOptimizerConfig(candidatesPerStep, temperature, maxTokens, samplingMode, seed, maxSteps,
                    maxEvaluations, patience, maxConcurrentEvaluations, evaluationTimeout);
        }
    }
}
