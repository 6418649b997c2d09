package io.llmopt.opro.prompt;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.llmopt.opro.grading.GradingMode;
import io.llmopt.opro.meta.OptimizerStyle;
import io.llmopt.opro.racing.EvaluationStrategy;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import java.util.List;
import java.util.Locale;

/**
 * The {@code opro:} section of a configuration file, bound with
 * {@code loadedConfig.section("opro", PromptOptimizationSection.class)}: every key optional
 * (snake_case in the file), unknown keys are errors. {@link #applyTo} lays the keys that are set
 * over a builder, so defaults stay in one place ({@link PromptOptimizationConfig.Builder}).
 *
 * <pre>
 * opro:
 *   steps: 50
 *   candidates_per_step: 8
 *   optimizer_temperature: 1.0        # optimizer_temperature_end: 2.0 for a linear schedule
 *   optimizer_seed: 0                 # none: optimizer requests carry no seed (as the reference's)
 *   position: Q_begin
 *   style: chat                       # completion | pretrained
 *   grading: strict                   # reference
 *   exemplar_choice: random           # exemplar_selection, its older name, is still read
 *   initial_instructions: ["", "Let's solve the problem."]
 *   penalty_per_instruction_token: 0.0005
 *   evaluation: racing                # full (default) | racing
 *   racing_delta: 0.5                 # racing_max_in_flight: 0 (the scorer model's max_concurrency)
 * </pre>
 */
public record PromptOptimizationSection(
        Integer steps,
        Integer candidatesPerStep,
        Double optimizerTemperature,
        Double optimizerTemperatureEnd,
        Integer optimizerMaxTokens,
        String sampling,
        JsonNode optimizerSeed,
        Double scorerTemperature,
        Integer scorerMaxTokens,
        String style,
        String position,
        Boolean includeQa,
        Integer maxNumInstructions,
        Double scoreThreshold,
        Integer scoreBuckets,
        Integer exemplars,
        @JsonAlias("exemplar_selection") String exemplarChoice,
        Boolean instructionsBeforeExemplars,
        Integer evaluateEvery,
        Boolean secondRoundExtraction,
        String grading,
        List<String> initialInstructions,
        Double penaltyPerInstructionToken,
        Double penaltyPerOutputToken,
        Integer finalTopK,
        String evaluation,
        Double racingDelta,
        Integer racingMaxInFlight) {

    /** The keys that are set, over {@code builder}; returns it. */
    public PromptOptimizationConfig.Builder applyTo(PromptOptimizationConfig.Builder builder) {
        PromptOptimizationConfig base = builder.build();
        if (steps != null) builder.steps(steps);
        if (candidatesPerStep != null) builder.candidatesPerStep(candidatesPerStep);
        if (optimizerTemperature != null || optimizerTemperatureEnd != null) {
            double start = optimizerTemperature != null ? optimizerTemperature : base.optimizerTemperature().start();
            builder.optimizerTemperature(new TemperatureSchedule(start,
                    optimizerTemperatureEnd != null ? optimizerTemperatureEnd : start));
        }
        if (optimizerMaxTokens != null) builder.optimizerMaxTokens(optimizerMaxTokens);
        if (sampling != null) builder.sampling(parseEnum(OptimizerSampling.class, sampling, "sampling"));
        if (optimizerSeed != null) builder.optimizerSeed(seed(optimizerSeed));
        if (scorerTemperature != null) builder.scorerTemperature(scorerTemperature);
        if (scorerMaxTokens != null) builder.scorerMaxTokens(scorerMaxTokens);
        if (style != null) builder.style(parseEnum(OptimizerStyle.class, style, "style"));
        if (position != null) builder.position(InstructionPosition.parse(position));
        if (includeQa != null) builder.includeQa(includeQa);
        if (maxNumInstructions != null) builder.maxNumInstructions(maxNumInstructions);
        if (scoreThreshold != null) builder.scoreThreshold(scoreThreshold);
        if (scoreBuckets != null) builder.scoreBuckets(scoreBuckets);
        if (exemplars != null) builder.exemplarCount(exemplars);
        if (exemplarChoice != null) {
            builder.exemplarChoice(parseEnum(ExemplarChoice.class, exemplarChoice, "exemplar_choice"));
        }
        if (instructionsBeforeExemplars != null) builder.instructionsBeforeExemplars(instructionsBeforeExemplars);
        if (evaluateEvery != null) builder.evaluateEvery(evaluateEvery);
        if (secondRoundExtraction != null) builder.secondRoundExtraction(secondRoundExtraction);
        if (grading != null) builder.gradingMode(parseEnum(GradingMode.class, grading, "grading"));
        if (initialInstructions != null) builder.initialInstructions(initialInstructions);
        if (penaltyPerInstructionToken != null || penaltyPerOutputToken != null) {
            builder.penalty(new CostPenalty(
                    penaltyPerInstructionToken != null ? penaltyPerInstructionToken : base.penalty().perInstructionToken(),
                    penaltyPerOutputToken != null ? penaltyPerOutputToken : base.penalty().perOutputToken()));
        }
        if (finalTopK != null) builder.finalTopK(finalTopK);
        if (evaluation != null) builder.evaluation(EvaluationStrategy.parse(evaluation));
        if (racingDelta != null) builder.racingDelta(racingDelta);
        if (racingMaxInFlight != null) builder.racingMaxInFlight(racingMaxInFlight);
        return builder;
    }

    /**
     * {@code optimizer_seed}: a whole number, or none. An explicit null means none too: it used to be
     * taken for "not set" and silently left the default seed in place.
     */
    static Long seed(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            return OptimizerSeedSetting.parse(value.asText(), "opro.optimizer_seed");
        }
        throw new IllegalArgumentException("opro.optimizer_seed must be a whole number or none, got " + value);
    }

    /** Case-insensitive, with {@code -} or {@code _} between words ({@code one-call}, {@code ONE_CALL}). */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String key) {
        String normal = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normal)) {
                return constant;
            }
        }
        StringBuilder expected = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            expected.append(expected.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("unknown " + key + " '" + value + "'; expected one of " + expected);
    }
}
