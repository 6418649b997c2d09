package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.config.ConfigBinder;
import io.llmopt.core.config.ConfigException;
import io.llmopt.opro.grading.GradingMode;
import io.llmopt.opro.meta.OptimizerStyle;
import io.llmopt.opro.racing.EvaluationStrategy;
import io.llmopt.opro.racing.RacingSettings;
import io.llmopt.opro.scorerprompt.InstructionPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptOptimizationSectionTest {

    private static PromptOptimizationSection bind(String json) throws Exception {
        return ConfigBinder.bind((ObjectNode) new ObjectMapper().readTree(json), PromptOptimizationSection.class, "test");
    }

    @Test
    void theReferenceDefaultsAreThePapers() {
        PromptOptimizationConfig c = PromptOptimizationConfig.reference();
        assertThat(c.steps()).isEqualTo(200);
        assertThat(c.candidatesPerStep()).isEqualTo(8);
        assertThat(c.optimizerTemperature()).isEqualTo(TemperatureSchedule.constant(1.0));
        assertThat(c.optimizerMaxTokens()).isEqualTo(512);
        assertThat(c.scorerTemperature()).isZero();
        assertThat(c.scorerMaxTokens()).isEqualTo(1024);
        assertThat(c.maxNumInstructions()).isEqualTo(20);
        assertThat(c.scoreThreshold()).isEqualTo(0.3);
        assertThat(c.scoreBuckets()).isEqualTo(100);
        assertThat(c.exemplarCount()).isEqualTo(3);
        assertThat(c.exemplarChoice()).isEqualTo(ExemplarChoice.RANDOM);
        assertThat(c.instructionsBeforeExemplars()).isTrue();
        assertThat(c.evaluateEvery()).isEqualTo(3);
        assertThat(c.gradingMode()).isEqualTo(GradingMode.STRICT);
        assertThat(c.initialInstructions()).containsExactly("");
        assertThat(c.penalty().isNone()).isTrue();
        assertThat(c.evaluation()).isEqualTo(EvaluationStrategy.FULL);
    }

    @Test
    void racingIsChosenInTheOproSectionAndItsBarIsTheMetaPrompts() throws Exception {
        PromptOptimizationConfig c = bind("""
                {"evaluation": "racing", "racing_delta": 0.1, "max_num_instructions": 10,
                 "score_threshold": 0.4, "optimizer_seed": 7}""").applyTo(PromptOptimizationConfig.reference().toBuilder()).build();
        assertThat(c.evaluation()).isEqualTo(EvaluationStrategy.RACING);
        RacingSettings racing = c.racingSettings(java.util.OptionalInt.of(16));
        assertThat(racing.k()).isEqualTo(10);
        assertThat(racing.scoreThreshold()).isEqualTo(0.4);
        assertThat(racing.delta()).isEqualTo(0.1);
        assertThat(racing.maxInFlight()).as("the scorer's concurrency").isEqualTo(16);
        assertThat(c.racingSettings(java.util.OptionalInt.empty()).maxInFlight())
                .isEqualTo(RacingSettings.DEFAULT_MAX_IN_FLIGHT);
        PromptOptimizationConfig pinned = bind("""
                {"evaluation": "racing", "racing_max_in_flight": 5}""")
                .applyTo(PromptOptimizationConfig.reference().toBuilder()).build();
        assertThat(pinned.racingSettings(java.util.OptionalInt.of(16)).maxInFlight()).isEqualTo(5);
        assertThat(c.racingSeed()).isEqualTo(7);
    }

    @Test
    void theOptimizerSeedCanBeSwitchedOffAndNullNoLongerLeavesTheDefault() throws Exception {
        PromptOptimizationConfig.Builder seeded = PromptOptimizationConfig.reference().toBuilder().optimizerSeed(5L);
        assertThat(bind("{}").applyTo(seeded).build().optimizerSeed()).as("absent keeps the seed").isEqualTo(5L);
        assertThat(bind("{\"optimizer_seed\": \"none\"}").applyTo(seeded).build().optimizerSeed()).isNull();
        assertThat(bind("{\"optimizer_seed\": null}").applyTo(seeded).build().optimizerSeed()).isNull();
        assertThat(bind("{\"optimizer_seed\": 9}").applyTo(seeded).build().optimizerSeed()).isEqualTo(9L);
        assertThat(bind("{\"optimizer_seed\": \"12\"}").applyTo(seeded).build().optimizerSeed()).isEqualTo(12L);
        assertThatThrownBy(() -> bind("{\"optimizer_seed\": \"random\"}").applyTo(seeded))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opro.optimizer_seed");
        assertThatThrownBy(() -> bind("{\"optimizer_seed\": 1.5}").applyTo(seeded))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opro.optimizer_seed");
    }

    @Test
    void exemplarChoiceIsReadUnderItsNameAndItsOlderOne() throws Exception {
        for (String key : List.of("exemplar_choice", "exemplar_selection")) {
            PromptOptimizationConfig c = bind("{\"" + key + "\": \"current_most_frequent\"}")
                    .applyTo(PromptOptimizationConfig.reference().toBuilder()).build();
            assertThat(c.exemplarChoice()).as(key).isEqualTo(ExemplarChoice.CURRENT_MOST_FREQUENT);
        }
    }

    @Test
    void racingCannotRankByACostAwareScore() throws Exception {
        PromptOptimizationSection s = bind("""
                {"evaluation": "racing", "penalty_per_output_token": 0.001}""");
        assertThatThrownBy(() -> s.applyTo(PromptOptimizationConfig.reference().toBuilder()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cost penalty");
    }

    @Test
    void theOproSectionOverridesOnlyWhatItSets() throws Exception {
        PromptOptimizationSection s = bind("""
                {"steps": 12, "position": "A_begin", "include_qa": true, "style": "completion",
                 "grading": "reference", "optimizer_temperature_end": 2.0, "sampling": "one-call",
                 "initial_instructions": ["", "Let's solve the problem."], "penalty_per_instruction_token": 0.001}""");
        PromptOptimizationConfig c = s.applyTo(PromptOptimizationConfig.reference().toBuilder()).build();
        assertThat(c.steps()).isEqualTo(12);
        assertThat(c.position()).isEqualTo(InstructionPosition.A_BEGIN);
        assertThat(c.style()).isEqualTo(OptimizerStyle.COMPLETION);
        assertThat(c.gradingMode()).isEqualTo(GradingMode.REFERENCE);
        assertThat(c.optimizerTemperature()).isEqualTo(TemperatureSchedule.linear(1.0, 2.0));
        assertThat(c.sampling()).isEqualTo(OptimizerSampling.ONE_CALL);
        assertThat(c.initialInstructions()).containsExactly("", "Let's solve the problem.");
        assertThat(c.penalty()).isEqualTo(new CostPenalty(0.001, 0));
        assertThat(c.candidatesPerStep()).isEqualTo(8);
    }

    @Test
    void unknownKeysAndValuesAreErrors() {
        assertThatThrownBy(() -> bind("{\"stepz\": 3}")).isInstanceOf(ConfigException.class).hasMessageContaining("stepz");
        assertThatThrownBy(() -> bind("{\"style\": \"poetry\"}").applyTo(PromptOptimizationConfig.builder()))
                .hasMessageContaining("unknown style 'poetry'");
        assertThatThrownBy(() -> PromptOptimizationConfig.builder().position(InstructionPosition.A_BEGIN).build())
                .hasMessageContaining("Q/A format");
        assertThatThrownBy(() -> PromptOptimizationConfig.builder().initialInstructions(List.of("a", "a")).build())
                .hasMessageContaining("distinct");
    }

    @Test
    void linearTemperatureScheduleFollowsTheReference() {
        TemperatureSchedule t = TemperatureSchedule.linear(1.0, 2.0);
        assertThat(t.at(0, 4)).isEqualTo(1.0);
        assertThat(t.at(2, 4)).isEqualTo(1.5);
        assertThat(t.at(3, 4)).isEqualTo(1.75);
        assertThat(TemperatureSchedule.constant(0.7).at(3, 4)).isEqualTo(0.7);
    }
}
