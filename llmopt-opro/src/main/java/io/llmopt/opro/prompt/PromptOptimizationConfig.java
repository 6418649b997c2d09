package io.llmopt.opro.prompt;

import io.llmopt.opro.grading.GradingMode;
import io.llmopt.opro.meta.MetaPromptConfig;
import io.llmopt.opro.meta.OptimizerStyle;
import io.llmopt.opro.meta.ScoreBuckets;
import io.llmopt.opro.racing.EvaluationStrategy;
import io.llmopt.opro.racing.RacingSettings;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import io.llmopt.opro.scorerprompt.ScorerPromptFormatter;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Settings of an OPRO prompt optimization. {@link #reference()} gives the paper's settings for a
 * chat-model scorer; every field can be changed through {@link #toBuilder()}.
 *
 * @param steps                       search steps after the initial instructions (reference: 200)
 * @param candidatesPerStep           instructions the optimizer generates per step (reference: 8)
 * @param optimizerTemperature        the optimizer's temperature, constant 1.0 or a linear schedule
 * @param optimizerMaxTokens          the optimizer's output cap (reference: 512)
 * @param sampling                    separate calls per candidate or one call with {@code n}
 * @param optimizerSeed               base sampling seed, varied per step and sample; null sends none.
 *                                    A seed makes every optimizer request distinct and repeatable, which is
 *                                    what lets the response cache answer a rerun.
 * @param scorerTemperature           the scorer's temperature (reference: 0)
 * @param scorerMaxTokens             the scorer's output cap (reference: 1024)
 * @param style                       the meta-prompt style, by the kind of optimizer model
 * @param position                    where the instruction goes in the scorer prompt
 * @param includeQa                   whether scorer prompts and exemplars use the {@code Q:}/{@code A:} format
 * @param maxNumInstructions          past instructions shown in the meta-prompt (reference: 20)
 * @param scoreThreshold              past instructions scoring below this are not shown (reference: 0.3)
 * @param scoreBuckets                score buckets shown (reference: 100; 0 shows the raw accuracy)
 * @param exemplarCount               exemplars per meta-prompt (reference: 3; 0 for none)
 * @param exemplarChoice              how exemplars are picked (reference: random)
 * @param instructionsBeforeExemplars the instruction-score pairs come before the exemplars
 * @param evaluateEvery               validate every this many steps (reference: 3; 0 never)
 * @param secondRoundExtraction       ask the scorer again for "the final answer" before parsing
 * @param gradingMode                 how answers are graded (STRICT by default; REFERENCE for parity)
 * @param initialInstructions         the instructions the search starts from (reference: the empty one)
 * @param penalty                     the cost-aware score's rates; none by default
 * @param forbidDigits                drop candidates containing digits (the reference does for GSM8K)
 * @param taskDescription             the problems' description, for the pre-trained style's meta-prompt
 * @param finalTopK                   how many of the best instructions the final evaluation tests (with the
 *                                    baseline); 0 means no final evaluation
 * @param bootstrapSeed               seed of the paired bootstrap in the final evaluation
 * @param evaluation                  how candidates are scored on the training split: {@code FULL} (the paper)
 *                                    or {@code RACING} (stop scoring a candidate once it cannot enter the
 *                                    meta-prompt; see docs/racing.md). Racing draws each step's example order
 *                                    from the optimizer seed (0 when none), so a resumed run races alike.
 * @param racingDelta                 per candidate, the largest chance racing drops one that would have
 *                                    entered the meta-prompt
 * @param racingMaxInFlight           scorer calls racing keeps in flight per step; 0 (the default) takes
 *                                    the scorer model's max concurrency, or 64 when it has no limit
 */
public record PromptOptimizationConfig(
        int steps,
        int candidatesPerStep,
        TemperatureSchedule optimizerTemperature,
        int optimizerMaxTokens,
        OptimizerSampling sampling,
        Long optimizerSeed,
        double scorerTemperature,
        int scorerMaxTokens,
        OptimizerStyle style,
        InstructionPosition position,
        boolean includeQa,
        int maxNumInstructions,
        double scoreThreshold,
        int scoreBuckets,
        int exemplarCount,
        ExemplarChoice exemplarChoice,
        boolean instructionsBeforeExemplars,
        int evaluateEvery,
        boolean secondRoundExtraction,
        GradingMode gradingMode,
        List<String> initialInstructions,
        CostPenalty penalty,
        boolean forbidDigits,
        String taskDescription,
        int finalTopK,
        long bootstrapSeed,
        EvaluationStrategy evaluation,
        double racingDelta,
        int racingMaxInFlight) {

    public PromptOptimizationConfig {
        Objects.requireNonNull(optimizerTemperature, "optimizerTemperature");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(exemplarChoice, "exemplarChoice");
        Objects.requireNonNull(gradingMode, "gradingMode");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(evaluation, "evaluation");
        initialInstructions = List.copyOf(initialInstructions);
        taskDescription = taskDescription == null ? "" : taskDescription;
        require(steps >= 0, "steps cannot be negative");
        require(candidatesPerStep >= 1, "candidates per step must be at least 1");
        require(optimizerMaxTokens >= 1, "optimizer max tokens must be at least 1");
        require(scorerMaxTokens >= 1, "scorer max tokens must be at least 1");
        require(scorerTemperature >= 0 && scorerTemperature <= 2, "scorer temperature must be between 0 and 2");
        require(scoreBuckets >= 0, "score buckets cannot be negative");
        require(exemplarCount >= 0, "exemplar count cannot be negative");
        require(evaluateEvery >= 0, "evaluate-every cannot be negative");
        require(finalTopK >= 0, "final top-k cannot be negative");
        require(racingDelta > 0 && racingDelta < 1, "racing delta must be between 0 and 1 (exclusive)");
        require(racingMaxInFlight >= 0, "racing max in flight cannot be negative");
        // Racing compares accuracies with the meta-prompt's bar; a cost penalty ranks by something else.
        require(evaluation == EvaluationStrategy.FULL || penalty.equals(CostPenalty.NONE),
                "racing evaluation cannot be combined with a cost penalty");
        require(!initialInstructions.isEmpty(), "give at least one initial instruction (the empty one is fine)");
        require(initialInstructions.stream().distinct().count() == initialInstructions.size(),
                "initial instructions must be distinct");
        // Fails early on a position the scorer prompt cannot take without the Q/A format.
        new ScorerPromptFormatter(position, includeQa);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The paper's settings for a chat-model scorer and optimizer, instruction at Q_begin. */
    public static PromptOptimizationConfig reference() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The meta-prompt settings these describe. */
    public MetaPromptConfig metaPromptConfig() {
        return new MetaPromptConfig(style, position, includeQa, instructionsBeforeExemplars, maxNumInstructions,
                scoreThreshold, new ScoreBuckets(scoreBuckets), taskDescription);
    }

    /**
     * The racing settings these describe: the meta-prompt's size and threshold set the bar.
     *
     * @param scorerConcurrency the scorer model's max concurrency, used when {@code racingMaxInFlight} is 0
     */
    public RacingSettings racingSettings(OptionalInt scorerConcurrency) {
        int inFlight = racingMaxInFlight > 0 ? racingMaxInFlight
                : scorerConcurrency.orElse(RacingSettings.DEFAULT_MAX_IN_FLIGHT);
        return RacingSettings.defaults().withK(maxNumInstructions).withScoreThreshold(scoreThreshold)
                .withDelta(racingDelta).withMaxInFlight(inFlight);
    }

    /** The run's seed: racing's example order per step, and current_most_frequent's tie-breaking stream. */
    public long racingSeed() {
        return optimizerSeed != null ? optimizerSeed : 0L;
    }

    public ScorerPromptFormatter scorerPromptFormatter() {
        return new ScorerPromptFormatter(position, includeQa);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.steps = steps;
        b.candidatesPerStep = candidatesPerStep;
        b.optimizerTemperature = optimizerTemperature;
        b.optimizerMaxTokens = optimizerMaxTokens;
        b.sampling = sampling;
        b.optimizerSeed = optimizerSeed;
        b.scorerTemperature = scorerTemperature;
        b.scorerMaxTokens = scorerMaxTokens;
        b.style = style;
        b.position = position;
        b.includeQa = includeQa;
        b.maxNumInstructions = maxNumInstructions;
        b.scoreThreshold = scoreThreshold;
        b.scoreBuckets = scoreBuckets;
        b.exemplarCount = exemplarCount;
        b.exemplarChoice = exemplarChoice;
        b.instructionsBeforeExemplars = instructionsBeforeExemplars;
        b.evaluateEvery = evaluateEvery;
        b.secondRoundExtraction = secondRoundExtraction;
        b.gradingMode = gradingMode;
        b.initialInstructions = initialInstructions;
        b.penalty = penalty;
        b.forbidDigits = forbidDigits;
        b.taskDescription = taskDescription;
        b.finalTopK = finalTopK;
        b.bootstrapSeed = bootstrapSeed;
        b.evaluation = evaluation;
        b.racingDelta = racingDelta;
        b.racingMaxInFlight = racingMaxInFlight;
        return b;
    }

    /** A builder starting from the reference settings. */
    public static final class Builder {
        private int steps = 200;
        private int candidatesPerStep = 8;
        private TemperatureSchedule optimizerTemperature = TemperatureSchedule.constant(1.0);
        private int optimizerMaxTokens = 512;
        private OptimizerSampling sampling = OptimizerSampling.SEPARATE_CALLS;
        private Long optimizerSeed = 0L;
        private double scorerTemperature = 0.0;
        private int scorerMaxTokens = 1024;
        private OptimizerStyle style = OptimizerStyle.CHAT;
        private InstructionPosition position = InstructionPosition.Q_BEGIN;
        private boolean includeQa;
        private int maxNumInstructions = 20;
        private double scoreThreshold = 0.3;
        private int scoreBuckets = 100;
        private int exemplarCount = 3;
        private ExemplarChoice exemplarChoice = ExemplarChoice.RANDOM;
        private boolean instructionsBeforeExemplars = true;
        private int evaluateEvery = 3;
        private boolean secondRoundExtraction;
        private GradingMode gradingMode = GradingMode.STRICT;
        private List<String> initialInstructions = List.of("");
        private CostPenalty penalty = CostPenalty.NONE;
        private boolean forbidDigits;
        private String taskDescription = "";
        private int finalTopK = 3;
        private long bootstrapSeed;
        private EvaluationStrategy evaluation = EvaluationStrategy.FULL;
        private double racingDelta = RacingSettings.DEFAULT_DELTA;
        private int racingMaxInFlight;

        public Builder steps(int v) { steps = v; return this; }
        public Builder candidatesPerStep(int v) { candidatesPerStep = v; return this; }
        public Builder optimizerTemperature(TemperatureSchedule v) { optimizerTemperature = v; return this; }
        public Builder optimizerTemperature(double v) { optimizerTemperature = TemperatureSchedule.constant(v); return this; }
        public Builder optimizerMaxTokens(int v) { optimizerMaxTokens = v; return this; }
        public Builder sampling(OptimizerSampling v) { sampling = v; return this; }
        public Builder optimizerSeed(Long v) { optimizerSeed = v; return this; }
        public Builder scorerTemperature(double v) { scorerTemperature = v; return this; }
        public Builder scorerMaxTokens(int v) { scorerMaxTokens = v; return this; }
        public Builder style(OptimizerStyle v) { style = v; return this; }
        public Builder position(InstructionPosition v) { position = v; return this; }
        public Builder includeQa(boolean v) { includeQa = v; return this; }
        public Builder maxNumInstructions(int v) { maxNumInstructions = v; return this; }
        public Builder scoreThreshold(double v) { scoreThreshold = v; return this; }
        public Builder scoreBuckets(int v) { scoreBuckets = v; return this; }
        public Builder exemplarCount(int v) { exemplarCount = v; return this; }
        public Builder exemplarChoice(ExemplarChoice v) { exemplarChoice = v; return this; }
        public Builder instructionsBeforeExemplars(boolean v) { instructionsBeforeExemplars = v; return this; }
        public Builder evaluateEvery(int v) { evaluateEvery = v; return this; }
        public Builder secondRoundExtraction(boolean v) { secondRoundExtraction = v; return this; }
        public Builder gradingMode(GradingMode v) { gradingMode = v; return this; }
        public Builder initialInstructions(List<String> v) { initialInstructions = v; return this; }
        public Builder penalty(CostPenalty v) { penalty = v; return this; }
        public Builder forbidDigits(boolean v) { forbidDigits = v; return this; }
        public Builder taskDescription(String v) { taskDescription = v; return this; }
        public Builder finalTopK(int v) { finalTopK = v; return this; }
        public Builder bootstrapSeed(long v) { bootstrapSeed = v; return this; }
        public Builder evaluation(EvaluationStrategy v) { evaluation = v; return this; }
        public Builder racingDelta(double v) { racingDelta = v; return this; }
        public Builder racingMaxInFlight(int v) { racingMaxInFlight = v; return this; }

        public PromptOptimizationConfig build() {
            return new PromptOptimizationConfig(steps, candidatesPerStep, optimizerTemperature, optimizerMaxTokens,
                    sampling, optimizerSeed, scorerTemperature, scorerMaxTokens, style, position, includeQa,
                    maxNumInstructions, scoreThreshold, scoreBuckets, exemplarCount, exemplarChoice,
                    instructionsBeforeExemplars, evaluateEvery, secondRoundExtraction, gradingMode,
                    initialInstructions, penalty, forbidDigits, taskDescription, finalTopK, bootstrapSeed, evaluation,
                    racingDelta, racingMaxInFlight);
        }
    }
}
