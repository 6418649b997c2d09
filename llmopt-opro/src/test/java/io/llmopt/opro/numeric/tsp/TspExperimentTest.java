package io.llmopt.opro.numeric.tsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.sim.NumericReplies;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimulatedLlmExtension.class)
class TspExperimentTest {

    @Test
    void repeatsWithSeedsOneToKAndReportsEachRunsGapAgainstTheExactReference(SimulatedLlmServer sim) {
        sim.reply(NumericReplies.optimizer());
        NumericOptimizer optimizer = new NumericOptimizer(SimModels.builder(sim).build(),
                NumericOptimizerConfig.builder().maxSteps(60).patience(20).seed(0L).build());

        TspSummary summary = new TspExperiment(3, TourStart.RANDOM, TspReferences::best).run(8, optimizer);

        assertThat(summary.runs()).extracting(TspRun::seed).containsExactly(1L, 2L, 3L);
        assertThat(summary.runs()).allSatisfy(run -> {
            // Segment reversals from the best tour alone can stall in a 2-opt local optimum.
            assertThat(run.report().gapPercent()).isBetween(0.0, 5.0)
                    .isEqualTo(run.problem().referenceTour().gapPercent((long) run.result().best().value()));
            assertThat(run.result().invalidCount()).isPositive();
            assertThat(run.nearestNeighbour().length()).isGreaterThanOrEqualTo(run.problem().referenceTour().length());
        });
        assertThat(summary.gap().n()).isEqualTo(3);
        assertThat(summary.referenceMethods()).isEqualTo("held-karp");
        assertThat(summary.runTable()).contains("held-karp").contains("mean gap " + summary.gap().format() + " % over 3 runs");
        assertThat(TspSummary.table(java.util.List.of(summary))).startsWith("n    OPRO gap %")
                .contains("8    " + summary.gap().format());
    }

    @Test
    void theRandomStartIsThePapersAndAHeuristicStartPutsTheHeuristicTourFirst() {
        TspProblem paper = TspProblem.reference(10, 4, StartingAlgorithm.FARTHEST_INSERTION);
        TspProblem random = TourStart.RANDOM.problem(10, 4, TspReferences::best);
        TspProblem warm = TourStart.NEAREST_NEIGHBOUR.problem(10, 4, TspReferences::best);

        assertThat(random.startingSolutions()).isEqualTo(paper.startingSolutions());
        assertThat(warm.startingSolutions()).hasSize(5);
        assertThat(warm.startingSolutions().get(0)).isEqualTo(new NearestNeighbourSolver().solve(warm.instance()).tour());
        assertThat(TourStart.parse("farthest-insertion")).isEqualTo(TourStart.FARTHEST_INSERTION);
        assertThatThrownBy(() -> TourStart.parse("greedy")).hasMessageContaining("random, nearest-neighbour or farthest-insertion");
    }
}
