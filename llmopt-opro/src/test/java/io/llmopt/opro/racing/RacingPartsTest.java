package io.llmopt.opro.racing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RacingPartsTest {

    @Test
    void theDefaultScheduleDoublesUpToTheSplit() {
        assertThat(BatchSchedule.DEFAULT.sizesFor(261)).containsExactly(20, 40, 80, 160, 261);
        assertThat(BatchSchedule.DEFAULT.sizesFor(160)).containsExactly(20, 40, 80, 160);
        assertThat(BatchSchedule.DEFAULT.sizesFor(15)).containsExactly(15);
        assertThat(new BatchSchedule(10, 1.5).sizesFor(40)).containsExactly(10, 15, 23, 35, 40);
        assertThat(new BatchSchedule(1, 1.01).sizesFor(4)).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> new BatchSchedule(20, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exampleOrdersAreSeededPermutations() {
        ExampleOrder order = ExampleOrder.shuffled(261, 5);
        assertThat(Arrays.stream(order.toArray()).sorted().toArray())
                .containsExactly(java.util.stream.IntStream.range(0, 261).toArray());
        assertThat(ExampleOrder.shuffled(261, 5)).isEqualTo(order);
        assertThat(ExampleOrder.shuffled(261, 6)).isNotEqualTo(order);
        assertThat(ExampleOrder.forStep(261, 5, 1)).isEqualTo(ExampleOrder.forStep(261, 5, 1))
                .isNotEqualTo(ExampleOrder.forStep(261, 5, 2));
        assertThat(ExampleOrder.of(2, 0, 1).exampleAt(0)).isEqualTo(2);
        assertThatThrownBy(() -> ExampleOrder.of(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExampleOrder.of(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBarIsTheHigherOfTheKthIncumbentAndTheThreshold() {
        Incumbent a = new Incumbent("a", new boolean[] {true, true, true, false});
        Incumbent b = new Incumbent("b", new boolean[] {true, false, false, false});
        Incumbent c = new Incumbent("c", new boolean[] {true, true, false, false});
        List<Incumbent> incumbents = List.of(b, a, c);

        assertThat(Bar.of(incumbents, 2, 0)).isEqualTo(new Bar(0.5, java.util.Optional.of(c)));
        assertThat(Bar.of(incumbents, 3, 0).incumbent()).contains(b);
        assertThat(Bar.of(incumbents, 2, 0.6)).isEqualTo(new Bar(0.6, java.util.Optional.empty()));
        assertThat(Bar.of(incumbents, 2, 0.5).paired()).isTrue();
        assertThat(Bar.of(incumbents, 4, 0)).isEqualTo(Bar.NONE);
        assertThat(Bar.NONE.canDrop()).isFalse();
        assertThat(Bar.of(incumbents, 4, 0.3).score()).isEqualTo(0.3);
    }

    @Test
    void evaluationStrategyReadsTheFlag() {
        assertThat(EvaluationStrategy.parse("racing")).isEqualTo(EvaluationStrategy.RACING);
        assertThat(EvaluationStrategy.parse(" FULL ")).isEqualTo(EvaluationStrategy.FULL);
        assertThat(EvaluationStrategy.RACING.flagValue()).isEqualTo("racing");
        assertThatThrownBy(() -> EvaluationStrategy.parse("fast")).hasMessageContaining("full or racing");
    }

    @Test
    void settingsValidate() {
        assertThat(RacingSettings.defaults()).isEqualTo(
                new RacingSettings(20, 0, RacingSettings.DEFAULT_DELTA, DropBound.BETTING, BatchSchedule.DEFAULT,
                        RacingSettings.DEFAULT_MAX_IN_FLIGHT));
        assertThatThrownBy(() -> RacingSettings.defaults().withMaxInFlight(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RacingSettings.defaults().withDelta(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RacingSettings.defaults().withK(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RacingSettings.defaults().withScoreThreshold(1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void incumbentsCopyTheirResults() {
        boolean[] results = {true, false};
        Incumbent incumbent = new Incumbent("x", results);
        results[1] = true;
        assertThat(incumbent.score()).isEqualTo(0.5);
        assertThat(incumbent).isEqualTo(new Incumbent("x", new boolean[] {true, false}));
    }
}
