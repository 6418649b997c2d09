package io.llmopt.opro.numeric.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.opro.numeric.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineRunnerTest {

    private static final SearchSpace SPACE = new SearchSpace("", Direction.MINIMIZE, List.of(
            new Parameter.Numeric("a", false, -5, 5, null),
            new Parameter.Numeric("b", false, -5, 5, null),
            new Parameter.Numeric("k", true, 0, 10, null)));

    private static final FunctionObjective BOWL = new FunctionObjective(
            c -> Math.pow(c.number("a") - 1.5, 2) + Math.pow(c.number("b") + 2, 2) + Math.abs(c.number("k") - 7));

    @Test
    void everyBaselineSpendsAtMostTheBudgetWithAMonotoneCurve() {
        for (Baseline baseline : Baseline.values()) {
            BaselineResult result = new BaselineRunner(SPACE, BOWL).run(baseline, 200, 1);
            assertThat(result.evaluations()).as(baseline.name()).isBetween(1, 200);
            for (int i = 1; i < result.evaluations(); i++) {
                assertThat(result.bestSoFar()[i]).isLessThanOrEqualTo(result.bestSoFar()[i - 1]);
            }
            assertThat(SPACE.validate(result.best())).isEmpty();
            assertThat(result.bestValue()).isEqualTo(result.bestSoFar()[result.evaluations() - 1]);
        }
    }

    @Test
    void continuousOptimizersBeatRandomSearchOnASmoothBowl() {
        BaselineRunner runner = new BaselineRunner(SPACE, BOWL);
        double random = runner.run(Baseline.RANDOM_SEARCH, 200, 1).bestValue();
        assertThat(runner.run(Baseline.CMA_ES, 200, 1).bestValue()).isLessThan(random).isLessThan(0.05);
        assertThat(runner.run(Baseline.NELDER_MEAD, 200, 1).bestValue()).isLessThan(random);
    }

    @Test
    void randomSearchIsReproducibleAndHandlesMaximization() {
        SearchSpace max = new SearchSpace("", Direction.MAXIMIZE, SPACE.parameters());
        BaselineRunner runner = new BaselineRunner(max, BOWL);
        BaselineResult a = runner.run(Baseline.RANDOM_SEARCH, 30, 9);
        assertThat(a.bestSoFar()).containsExactly(runner.run(Baseline.RANDOM_SEARCH, 30, 9).bestSoFar());
        for (int i = 1; i < 30; i++) {
            assertThat(a.bestSoFar()[i]).isGreaterThanOrEqualTo(a.bestSoFar()[i - 1]);
        }
    }

    @Test
    void continuousBaselinesRefuseCategoricalSpaces() {
        SearchSpace mixed = new SearchSpace("", Direction.MINIMIZE, List.of(new Parameter.Categorical("c", List.of("a", "b"))));
        assertThatThrownBy(() -> new BaselineRunner(mixed, c -> null).run(Baseline.CMA_ES, 10, 1))
                .hasMessageContaining("numeric parameters only");
        assertThat(new BaselineRunner(mixed, new FunctionObjective(c -> 1)).run(Baseline.RANDOM_SEARCH, 10, 1).evaluations()).isEqualTo(10);
    }
}
