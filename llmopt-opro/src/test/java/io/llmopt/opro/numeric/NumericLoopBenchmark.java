package io.llmopt.opro.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.opro.numeric.linreg.LinRegSummary;
import io.llmopt.opro.numeric.linreg.LinearRegressionExperiment;
import io.llmopt.opro.numeric.linreg.OptimumCriterion;
import io.llmopt.opro.numeric.tsp.TourStart;
import io.llmopt.opro.numeric.tsp.TspExperiment;
import io.llmopt.opro.numeric.tsp.TspReferences;
import io.llmopt.opro.numeric.tsp.TspSummary;
import io.llmopt.sim.NumericReplies;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures of the numeric experiments, run over real HTTP against the simulated server with
 * the scripted optimizer ({@link NumericReplies}): a local search that only reads the meta-prompt.
 * They measure the loop (parsing, de-duplication, evaluation, meta-prompt building, HTTP) and are
 * no statement about any model's skill. Run with {@code mvn -Pbench -pl llmopt-opro -am test}.
 */
@Tag("benchmark")
class NumericLoopBenchmark {

    private static final long[][] LINREG = {{15, 14}, {17, 17}, {16, 10}, {3, 5}, {25, 23}, {2, 30}, {36, -1}};
    private static final int[] TSP_POINTS = {10, 15, 20};

    @Test
    void linearRegressionAndTspTables() {
        try (SimulatedLlmServer sim = SimulatedLlmServer.start();
             OpenAiCompatibleModel model = SimModels.builder(sim).build()) {
            sim.reply(NumericReplies.optimizer());
            NumericOptimizer linregOptimizer = new NumericOptimizer(model, NumericOptimizerConfig.builder().maxSteps(500).seed(0L).build());
            List<LinRegSummary> linreg = new ArrayList<>();
            int steps = 0;
            long start = System.nanoTime();
            for (long[] wb : LINREG) {
                LinRegSummary s = new LinearRegressionExperiment(linregOptimizer, 5, OptimumCriterion.BEST_INTEGER_PAIR).run(wb[0], wb[1]);
                linreg.add(s);
                steps += s.runs().stream().mapToInt(r -> r.result().stepCount()).sum();
            }
            double linregMsPerStep = (System.nanoTime() - start) / 1e6 / steps;

            NumericOptimizer tspOptimizer = new NumericOptimizer(model, NumericOptimizerConfig.builder().maxSteps(300).seed(0L).build());
            List<TspSummary> tsp = new ArrayList<>();
            int tspSteps = 0;
            start = System.nanoTime();
            for (int n : TSP_POINTS) {
                TspSummary s = new TspExperiment(5, TourStart.RANDOM, TspReferences::best).run(n, tspOptimizer);
                tsp.add(s);
                tspSteps += s.runs().stream().mapToInt(r -> r.result().stepCount()).sum();
            }
            double tspMsPerStep = (System.nanoTime() - start) / 1e6 / tspSteps;

            System.out.println("\nLinear regression, 5 repetitions each, 8 proposals per step, scripted optimizer over HTTP:");
            System.out.print(LinRegSummary.table(linreg));
            System.out.printf(Locale.ROOT, "wall time per step: %.2f ms (%d steps)%n", linregMsPerStep, steps);
            System.out.println("\nTSP, 5 repetitions each, random starts, at most 300 steps:");
            System.out.print(TspSummary.table(tsp));
            System.out.printf(Locale.ROOT, "wall time per step: %.2f ms (%d steps)%n", tspMsPerStep, tspSteps);
            assertThat(linreg).allSatisfy(s -> assertThat(s.runs()).hasSize(5));
        }
    }
}
