package io.llmopt.opro.numeric.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.store.WorkItem;
import io.llmopt.opro.numeric.Evaluation;
import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.opro.numeric.NumericProblem;
import io.llmopt.opro.numeric.NumericRunListener;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.StopReason;
import io.llmopt.opro.numeric.linreg.LinearRegressionProblem;
import io.llmopt.opro.numeric.linreg.OptimumCriterion;
import io.llmopt.opro.numeric.linreg.WbPair;
import io.llmopt.opro.numeric.tsp.StartingAlgorithm;
import io.llmopt.opro.numeric.tsp.Tour;
import io.llmopt.opro.numeric.tsp.TspProblem;
import io.llmopt.sim.NumericReplies;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Numeric runs recorded in a real store file, driven over HTTP by the scripted optimizer on the simulated server. */
@ExtendWith(SimulatedLlmExtension.class)
class StoredNumericRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NumericOptimizerConfig CONFIG = NumericOptimizerConfig.builder().maxSteps(200).seed(3L).build();

    @TempDir
    Path dir;

    private static NumericOptimizer optimizer(SimulatedLlmServer sim) {
        sim.reply(NumericReplies.optimizer());
        return new NumericOptimizer(SimModels.builder(sim).build(), CONFIG);
    }

    @Test
    void everyStepEvaluationAndRejectionIsRecordedAndTheSummaryDescribesTheRun(SimulatedLlmServer sim) throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun(NumericRunKinds.LINREG, "w=15 b=14", JSON.createObjectNode()).id();
            LinearRegressionProblem problem = LinearRegressionProblem.reference(15, 14, 1, OptimumCriterion.BEST_INTEGER_PAIR);
            NumericRunResult<WbPair> result = new StoredNumericRun<>(RunContext.of(store, runId), SolutionCodecs.wbPair())
                    .run(optimizer(sim), problem, NumericRunListener.none());
            store.updateSummary(runId, NumericRunSummary.linearRegression(result, problem, 15, 14, "best-integer-pair"));

            assertThat(result.stopReason()).isEqualTo(StopReason.OPTIMUM_REACHED);
            assertThat(store.steps(runId)).hasSize(result.steps().size())
                    .allSatisfy(s -> assertThat(s.finished()).isTrue());
            assertThat(store.steps(runId).get(1).metaPrompt()).startsWith("Now you will help me minimize a function with two input variables w, b.");

            List<WorkItem> evaluations = store.workItems(runId, NumericRunKinds.EVALUATION);
            assertThat(evaluations).hasSize(result.evaluationCount());
            JsonNode first = JSON.readTree(evaluations.get(0).payloadJson());
            Evaluation<WbPair> firstEvaluation = result.history().get(0);
            assertThat(first.get("step").asInt()).isZero();
            assertThat(first.get("solution")).isEqualTo(JSON.readTree("[" + firstEvaluation.solution().w() + "," + firstEvaluation.solution().b() + "]"));
            assertThat(first.get("value").asDouble()).isEqualTo(firstEvaluation.value());
            assertThat(first.get("key").asText()).isEqualTo(firstEvaluation.key());

            List<WorkItem> rejections = store.workItems(runId, NumericRunKinds.REJECTION);
            assertThat(rejections).hasSize(result.invalidCount()).isNotEmpty();
            JsonNode rejection = JSON.readTree(rejections.get(0).payloadJson());
            assertThat(rejection.get("raw").asText()).contains("hard to say more without computing");
            assertThat(rejection.get("reason").asText()).isEqualTo(io.llmopt.opro.numeric.linreg.LinRegOutputParser.NO_PAIR);

            JsonNode summary = JSON.readTree(store.run(runId).orElseThrow().summaryJson());
            assertThat(summary.get("reached_optimum").asBoolean()).isTrue();
            assertThat(summary.get("best_solution")).isEqualTo(JSON.readTree("[" + problem.optimum().w() + "," + problem.optimum().b() + "]"));
            assertThat(summary.get("optimum")).isEqualTo(summary.get("best_solution"));
            assertThat(summary.get("gap").asDouble()).isZero();
            assertThat(summary.get("w_true").asLong()).isEqualTo(15);
            assertThat(summary.get("steps").asInt()).isEqualTo(result.stepCount());
            assertThat(summary.get("evaluations").asInt()).isEqualTo(result.evaluationCount());
            assertThat(summary.get("invalid").asInt()).isEqualTo(result.invalidCount());
            assertThat(summary.get("best_curve")).hasSize(result.steps().size());
        }
    }

    @Test
    void aResumedRunReplaysRecordedStepsAndContinuesExactlyAsAnUninterruptedRun(SimulatedLlmServer sim) {
        NumericOptimizer optimizer = optimizer(sim);
        NumericRunResult<WbPair> uninterrupted = optimizer.run(linreg());
        int uninterruptedRequests = sim.requestCount();
        assertThat(uninterrupted.stepCount()).isGreaterThan(4);
        sim.clear();

        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun(NumericRunKinds.LINREG, null, JSON.createObjectNode()).id();
            AtomicInteger stepsSeen = new AtomicInteger();
            CountingProblem first = new CountingProblem(linreg());
            NumericRunResult<WbPair> interrupted = new StoredNumericRun<>(RunContext.of(store, runId).withStop(() -> stepsSeen.get() > 3), SolutionCodecs.wbPair())
                    .run(optimizer, first, step -> stepsSeen.incrementAndGet());
            assertThat(interrupted.stopReason()).isEqualTo(StopReason.STOPPED);
            assertThat(interrupted.stepCount()).isEqualTo(3);
            assertThat(sim.requestCount()).isEqualTo(3);

            CountingProblem second = new CountingProblem(linreg());
            NumericRunResult<WbPair> resumed = new StoredNumericRun<>(RunContext.of(store, runId), SolutionCodecs.wbPair())
                    .run(optimizer, second, NumericRunListener.none());

            assertThat(sim.requestCount()).isEqualTo(uninterruptedRequests);
            assertThat(second.evaluated).isEqualTo(resumed.evaluationCount() - interrupted.evaluationCount());
            assertThat(resumed.stopReason()).isEqualTo(uninterrupted.stopReason());
            assertThat(resumed.optimumStep()).isEqualTo(uninterrupted.optimumStep());
            assertThat(resumed.history()).extracting(Evaluation::key)
                    .containsExactlyElementsOf(uninterrupted.history().stream().map(Evaluation::key).toList());
            assertThat(resumed.invalidCount()).isEqualTo(uninterrupted.invalidCount());
            assertThat(store.steps(runId)).hasSize(uninterrupted.steps().size());
            assertThat(store.workItems(runId, NumericRunKinds.EVALUATION)).hasSize(uninterrupted.evaluationCount());
        }
    }

    @Test
    void aTspSummaryCarriesThePointsTheBestTourAndTheReference(SimulatedLlmServer sim) throws Exception {
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            String runId = store.createRun(NumericRunKinds.TSP, null, JSON.createObjectNode()).id();
            TspProblem problem = TspProblem.reference(8, 2, StartingAlgorithm.FARTHEST_INSERTION);
            NumericRunResult<Tour> result = new StoredNumericRun<>(RunContext.of(store, runId), SolutionCodecs.tour())
                    .run(optimizer(sim), problem, NumericRunListener.none());
            JsonNode summary = NumericRunSummary.tsp(result, problem);

            assertThat(summary.get("points")).hasSize(8);
            assertThat(summary.get("points").get(0)).isEqualTo(JSON.readTree("[" + problem.instance().x(0) + "," + problem.instance().y(0) + "]"));
            assertThat(summary.get("reference_method").asText()).isEqualTo("held-karp");
            assertThat(summary.get("reference_tour")).hasSize(8);
            assertThat(summary.get("best_tour").get(0).asInt()).isZero();
            assertThat(summary.get("gap").asDouble()).as("a ratio, as the report reads it, not a percentage")
                    .isCloseTo(problem.referenceTour().gapPercent((long) result.best().value()) / 100, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(NumericRunReplay.load(store, runId, problem, SolutionCodecs.tour())).hasSize(result.steps().size());
        }
    }

    private static LinearRegressionProblem linreg() {
        return LinearRegressionProblem.reference(17, 17, 2, OptimumCriterion.BEST_INTEGER_PAIR);
    }

    /** Counts the evaluations a problem is asked for. */
    private static final class CountingProblem implements NumericProblem<WbPair> {
        private final LinearRegressionProblem delegate;
        int evaluated;

        CountingProblem(LinearRegressionProblem delegate) {
            this.delegate = delegate;
        }

        @Override
        public io.llmopt.opro.numeric.Direction direction() {
            return delegate.direction();
        }

        @Override
        public List<WbPair> startingSolutions() {
            return delegate.startingSolutions();
        }

        @Override
        public String metaPrompt(List<Evaluation<WbPair>> scored) {
            return delegate.metaPrompt(scored);
        }

        @Override
        public io.llmopt.opro.numeric.Parsed<WbPair> parse(String optimizerOutput) {
            return delegate.parse(optimizerOutput);
        }

        @Override
        public synchronized CompletableFuture<Double> evaluate(WbPair solution) {
            evaluated++;
            return delegate.evaluate(solution);
        }

        @Override
        public String key(WbPair solution) {
            return delegate.key(solution);
        }

        @Override
        public boolean isOptimal(WbPair solution, double value) {
            return delegate.isOptimal(solution, value);
        }
    }
}
