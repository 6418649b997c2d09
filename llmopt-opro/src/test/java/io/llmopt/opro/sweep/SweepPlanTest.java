package io.llmopt.opro.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.config.ConfigException;
import io.llmopt.opro.meta.OptimizerStyle;
import io.llmopt.opro.prompt.PromptOptimizationConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlanTest {

    private static final PromptOptimizationConfig BASE = PromptOptimizationConfig.reference().toBuilder().steps(20).build();

    private static SweepPlan plan(String yaml) {
        return SweepPlan.of(SweepSpec.parse(yaml, "sweep.yaml"), BASE, "sweep.yaml");
    }

    @Test
    void listedSettingsTimesTheGridTimesRepetitionsEachWithItsOwnSeed() {
        SweepPlan plan = plan("""
                repetitions: 2
                base: {evaluate_every: 0, optimizer_seed: 10}
                settings:
                  - {label: few, candidates_per_step: 2}
                  - {candidates_per_step: 4}
                grid:
                  style: [chat, completion]
                """);

        assertThat(plan.settings()).extracting(SweepSetting::label).containsExactly(
                "few, style=chat", "few, style=completion",
                "candidates_per_step=4, style=chat", "candidates_per_step=4, style=completion");
        assertThat(plan.cells()).hasSize(8);
        SweepCell last = plan.cells().get(7);
        assertThat(last.key()).isEqualTo("s03-r1");
        assertThat(last.config().candidatesPerStep()).isEqualTo(4);
        assertThat(last.config().style()).isEqualTo(OptimizerStyle.COMPLETION);
        assertThat(last.config().evaluateEvery()).isZero();
        assertThat(last.config().steps()).isEqualTo(20);
        assertThat(plan.cells()).extracting(c -> c.config().optimizerSeed())
                .containsExactly(10L, 11L, 10L, 11L, 10L, 11L, 10L, 11L);
    }

    @Test
    void labelledSettingsKeepTheirLabelAndAnAxisASettingSetsIsNotVaried() {
        SweepPlan plan = plan("""
                settings:
                  - {label: pinned, style: pretrained}
                  - {label: free}
                grid:
                  style: [chat, completion]
                """);
        assertThat(plan.settings()).extracting(SweepSetting::label)
                .containsExactly("pinned", "free, style=chat", "free, style=completion");
    }

    @Test
    void anEqualInstructionBudgetScalesTheSteps() {
        SweepPlan plan = plan("""
                instructions_per_run: 32
                grid:
                  candidates_per_step: [1, 2, 4, 8, 16, 3]
                """);
        assertThat(plan.cells()).extracting(c -> c.config().steps()).containsExactly(32, 16, 8, 4, 2, 11);
        assertThat(plan.cells()).extracting(c -> c.config().steps() * c.config().candidatesPerStep())
                .containsExactly(32, 32, 32, 32, 32, 33);
    }

    @Test
    void aBadValueNamesTheFileTheSettingAndTheKey() {
        assertThatThrownBy(() -> plan("""
                settings:
                  - {label: odd, exemplar_choice: sometimes}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("sweep.yaml setting 'odd'")
                .hasMessageContaining("exemplar_choice");
        assertThatThrownBy(() -> plan("""
                grid:
                  candidate_per_step: [1, 2]
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("candidate_per_step");
        assertThatThrownBy(() -> plan("repetitionz: 2\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("repetitionz").hasMessageContaining("line 1");
        assertThatThrownBy(() -> plan("grid: {style: []}\n")).hasMessageContaining("grid.style lists no values");
    }

    @Test
    void repetitionsNeedASeedAndTheGridIsBounded() {
        assertThatThrownBy(() -> plan("repetitions: 2\nbase: {optimizer_seed: none}\n"))
                .hasMessageContaining("repetitions need an optimizer seed");
        assertThatThrownBy(() -> plan("""
                repetitions: 100
                grid:
                  candidates_per_step: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
                """)).hasMessageContaining("1100 runs").hasMessageContaining("at most 1000");
        assertThatThrownBy(() -> plan("settings: [{label: a}, {label: a}]\n")).hasMessageContaining("two settings are labelled 'a'");
    }

    @Test
    void theShippedExampleFilesExpandAsTheDocsSay() throws Exception {
        java.nio.file.Path docs = java.nio.file.Path.of("../docs/sweeps");
        SweepPlan perStep = SweepPlan.of(SweepSpec.read(docs.resolve("instructions-per-step.yaml")), BASE, "ips");
        assertThat(perStep.settings()).extracting(s -> perStep.cellsOf(s).get(0).config().candidatesPerStep())
                .containsExactly(1, 2, 4, 8, 16);
        assertThat(perStep.cells()).allSatisfy(c -> assertThat(c.config().steps() * c.config().candidatesPerStep())
                .isEqualTo(perStep.spec().instructionsPerRun()));
        SweepPlan components = SweepPlan.of(SweepSpec.read(docs.resolve("meta-prompt-components.yaml")), BASE, "mpc");
        assertThat(components.settings()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(components.settings()).extracting(SweepSetting::label).doesNotHaveDuplicates();
        assertThat(List.of(perStep.spec().repetitionCount(), components.spec().repetitionCount())).allSatisfy(r -> assertThat(r).isGreaterThan(1));
    }
}
