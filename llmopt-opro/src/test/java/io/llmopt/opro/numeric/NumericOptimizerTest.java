package io.llmopt.opro.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelInfo;
import io.llmopt.testkit.ScriptedLanguageModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop on a toy problem: minimize (x − 3)² over integers written as "x = N". */
class NumericOptimizerTest {

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** Integers; the script decides what the model says; evaluation behaviour per x is pluggable. */
    private static final class LineProblem implements NumericProblem<Integer> {
        final Function<Integer, CompletableFuture<Double>> evaluator;
        final List<String> prompts = new ArrayList<>();

        LineProblem(Function<Integer, CompletableFuture<Double>> evaluator) {
            this.evaluator = evaluator;
        }

        LineProblem() {
            this(x -> CompletableFuture.completedFuture((x - 3.0) * (x - 3.0)));
        }

        @Override
        public Direction direction() {
            return Direction.MINIMIZE;
        }

        @Override
        public List<Integer> startingSolutions() {
            return List.of(20, 10);
        }

        @Override
        public String metaPrompt(List<Evaluation<Integer>> scored) {
            String prompt = scored.stream().map(e -> e.solution() + ":" + (long) e.value()).toList().toString();
            prompts.add(prompt);
            return prompt;
        }

        @Override
        public Parsed<Integer> parse(String output) {
            if (!output.startsWith("x = ")) {
                return Parsed.rejected("no x", output);
            }
            return Parsed.solution(Integer.parseInt(output.substring(4).trim()));
        }

        @Override
        public java.util.Optional<Rejection> validate(Integer x) {
            return x < 0 ? java.util.Optional.of(Rejection.of("negative", "x = " + x)) : java.util.Optional.empty();
        }

        @Override
        public CompletableFuture<Double> evaluate(Integer x) {
            return evaluator.apply(x);
        }

        @Override
        public String key(Integer x) {
            return x.toString();
        }

        @Override
        public boolean isOptimal(Integer x, double value) {
            return x == 3;
        }
    }

    /** Proposes best − 1 − i from the last (best) entry of the toy meta-prompt. */
    private static ScriptedLanguageModel descending() {
        return ScriptedLanguageModel.perSample((request, i) -> {
            String prompt = request.lastUserContent();
            int best = bestInPrompt(prompt);
            return "x = " + (best - 1 - i);
        });
    }

    private static int bestInPrompt(String prompt) {
        String[] entries = prompt.substring(1, prompt.length() - 1).split(", ");
        int best = 0;
        long bestValue = Long.MAX_VALUE;
        for (String e : entries) {
            String[] parts = e.split(":");
            if (Long.parseLong(parts[1]) < bestValue) {
                bestValue = Long.parseLong(parts[1]);
                best = Integer.parseInt(parts[0]);
            }
        }
        return best;
    }

    private static NumericOptimizerConfig.Builder config() {
        return NumericOptimizerConfig.builder().candidatesPerStep(2).maxSteps(50).evaluationTimeout(Duration.ofSeconds(5));
    }

    @Test
    void stopsAtTheOptimumAndReportsEveryStep() {
        List<StepResult<Integer>> seen = new ArrayList<>();
        NumericRunResult<Integer> result = new NumericOptimizer(descending(), config().build()).run(new LineProblem(), seen::add);

        assertThat(result.stopReason()).isEqualTo(StopReason.OPTIMUM_REACHED);
        assertThat(result.best().solution()).isEqualTo(3);
        // 10 -> {9, 8} -> {7, 6} -> {5, 4} -> {3, 2}
        assertThat(result.optimumStep()).hasValue(4);
        assertThat(seen).extracting(StepResult::step).containsExactly(0, 1, 2, 3, 4);
        assertThat(seen).extracting(StepResult::bestValue).containsExactly(49.0, 25.0, 9.0, 1.0, 0.0);
        assertThat(seen.get(0).evaluations()).extracting(Evaluation::solution).containsExactly(20, 10);
        assertThat(result.evaluationCount()).isEqualTo(10);
        assertThat(result.proposedEvaluationCount()).isEqualTo(8);
    }

    @Test
    void countsInvalidAndDuplicateProposalsWithoutEvaluatingThem() {
        AtomicInteger evaluations = new AtomicInteger();
        LineProblem problem = new LineProblem(x -> {
            evaluations.incrementAndGet();
            return CompletableFuture.completedFuture((x - 3.0) * (x - 3.0));
        });
        ScriptedLanguageModel model = ScriptedLanguageModel.perSample((request, i) -> switch (i) {
            case 0 -> "x = 10"; // a starting solution: duplicate
            case 1 -> "I think x should be smaller";
            case 2 -> "x = -4";
            default -> "x = 5";
        });
        NumericRunResult<Integer> result = new NumericOptimizer(model, config().candidatesPerStep(5).maxSteps(1).build())
                .run(problem);

        StepResult<Integer> step = result.steps().get(1);
        assertThat(step.outputs()).hasSize(5);
        assertThat(step.invalidReasons()).isEqualTo(Map.of("no x", 1, "negative", 1));
        assertThat(step.duplicates()).isEqualTo(2); // 10 again, and the second "x = 5"
        assertThat(step.evaluations()).extracting(Evaluation::solution).containsExactly(5);
        assertThat(evaluations).hasValue(3);
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_STEPS);
    }

    @Test
    void aFailedOrTimedOutEvaluationIsRecordedAndTheRunGoesOn() {
        LineProblem problem = new LineProblem(x -> {
            if (x == 9) {
                throw new IllegalStateException("simulator crashed");
            }
            if (x == 7) {
                return new CompletableFuture<>(); // never completes
            }
            return CompletableFuture.completedFuture((x - 3.0) * (x - 3.0));
        });
        NumericOptimizerConfig cfg = config().evaluationTimeout(Duration.ofMillis(200)).build();
        NumericRunResult<Integer> result = new NumericOptimizer(descending(), cfg).run(problem);

        Evaluation<Integer> crashed = result.history().stream().filter(e -> e.solution() == 9).findFirst().orElseThrow();
        Evaluation<Integer> hung = result.history().stream().filter(e -> e.solution() == 7).findFirst().orElseThrow();
        assertThat(crashed.succeeded()).isFalse();
        assertThat(crashed.error()).isEqualTo("simulator crashed");
        assertThat(hung.error()).startsWith("timed out");
        assertThat(result.stopReason()).isEqualTo(StopReason.OPTIMUM_REACHED);
        assertThat(result.steps().get(1).failedEvaluations()).isEqualTo(1);
        // Failed solutions never reach the meta-prompt.
        assertThat(problem.prompts).noneMatch(p -> p.contains("9:") || p.contains("7:"));
    }

    @Test
    void aJvmErrorFromTheObjectiveEndsTheRunInsteadOfBeingStoredAsAResult() {
        LineProblem problem = new LineProblem(x -> x == 9
                ? CompletableFuture.failedFuture(new StackOverflowError("objective recursed"))
                : CompletableFuture.completedFuture((x - 3.0) * (x - 3.0)));
        NumericOptimizer optimizer = new NumericOptimizer(descending(), config().build());
        assertThatThrownBy(() -> optimizer.run(problem))
                .isInstanceOf(StackOverflowError.class)
                .hasMessage("objective recursed");
    }

    @Test
    void stopsAfterPatienceStepsWithoutImprovement() {
        ScriptedLanguageModel stuck = ScriptedLanguageModel.perSample((request, i) -> "x = " + (30 + request.seed() % 1000 + i * 7));
        NumericRunResult<Integer> result = new NumericOptimizer(stuck, config().seed(0L).patience(3).build()).run(new LineProblem());
        assertThat(result.stopReason()).isEqualTo(StopReason.NO_IMPROVEMENT);
        assertThat(result.stepCount()).isEqualTo(3);
    }

    @Test
    void respectsTheEvaluationBudgetIncludingStartingSolutions() {
        NumericRunResult<Integer> result = new NumericOptimizer(descending(), config().candidatesPerStep(4).maxEvaluations(5).build())
                .run(new LineProblem());
        assertThat(result.evaluationCount()).isEqualTo(5);
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_EVALUATIONS);
    }

    @Test
    void batchModeSendsOneRequestWithNSamplesAtTemperatureOne() {
        ScriptedLanguageModel model = descending();
        new NumericOptimizer(model, NumericOptimizerConfig.builder().maxSteps(1).seed(100L).build()).run(new LineProblem());
        assertThat(model.requests()).hasSize(1);
        ChatRequest request = model.requests().get(0);
        assertThat(request.n()).isEqualTo(8);
        assertThat(request.temperature()).isEqualTo(1.0);
        assertThat(request.maxTokens()).isEqualTo(1024);
        assertThat(request.seed()).isEqualTo(108L);
    }

    @Test
    void separateCallsModeSendsKSingleRequestsWithDistinctSeeds() {
        ScriptedLanguageModel model = descending();
        NumericOptimizerConfig cfg = config().candidatesPerStep(3).maxSteps(1).seed(0L).samplingMode(SamplingMode.SEPARATE_CALLS).build();
        NumericRunResult<Integer> result = new NumericOptimizer(model, cfg).run(new LineProblem());
        assertThat(model.requests()).extracting(ChatRequest::n).containsExactly(1, 1, 1);
        assertThat(model.requests()).extracting(ChatRequest::seed).containsExactly(3L, 4L, 5L);
        // Each single call is sample 0 of its request, so all three propose best − 1: one new, two duplicates.
        assertThat(result.steps().get(1).duplicates()).isEqualTo(2);
    }

    @Test
    void evaluatesConcurrentlyUpToTheLimitAndKeepsProposalOrder() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        LineProblem problem = new LineProblem(x -> {
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            CompletableFuture<Double> f = new CompletableFuture<>();
            // Later proposals finish first, to show the recorded order does not depend on timing.
            timer.schedule(() -> {
                inFlight.decrementAndGet();
                f.complete((x - 3.0) * (x - 3.0));
            }, 20 + Math.max(0, x) * 3L, TimeUnit.MILLISECONDS);
            return f;
        });
        NumericOptimizerConfig cfg = config().candidatesPerStep(6).maxSteps(1).maxConcurrentEvaluations(3).build();
        NumericRunResult<Integer> result = new NumericOptimizer(descending(), cfg).run(problem);
        assertThat(peak.get()).isEqualTo(3);
        assertThat(result.steps().get(1).evaluations()).extracting(Evaluation::solution).containsExactly(9, 8, 7, 6, 5, 4);
    }

    private static LanguageModel failing(LlmException.Kind kind, String message) {
        return new LanguageModel() {
            @Override
            public CompletableFuture<ChatResponse> chat(ChatRequest request) {
                return CompletableFuture.failedFuture(new LlmException(kind, info(), message, null, null));
            }

            @Override
            public ModelInfo info() {
                return new ModelInfo("sim", "broken", "memory");
            }
        };
    }

    @Test
    void anOptimizerFailureEndsTheRunButKeepsTheHistory() {
        NumericRunResult<Integer> result = new NumericOptimizer(failing(LlmException.Kind.UNAUTHORIZED, "key refused"),
                config().build()).run(new LineProblem());
        assertThat(result.stopReason()).isEqualTo(StopReason.OPTIMIZER_FAILED);
        assertThat(result.failure()).contains("key refused");
        assertThat(result.history()).hasSize(2);
    }

    @Test
    void aSpentBudgetEndsTheRunAsBudgetReachedSoItCanBeResumed() {
        NumericRunResult<Integer> result = new NumericOptimizer(failing(LlmException.Kind.BUDGET_EXCEEDED, "quota exceeded"),
                config().build()).run(new LineProblem());
        assertThat(result.stopReason()).isEqualTo(StopReason.BUDGET_REACHED);
        assertThat(result.failure()).contains("quota exceeded");
        assertThat(result.history()).hasSize(2);
    }

    @Test
    void identicalInputsGiveIdenticalRuns() {
        NumericOptimizerConfig cfg = config().seed(7L).build();
        NumericRunResult<Integer> a = new NumericOptimizer(descending(), cfg).run(new LineProblem());
        NumericRunResult<Integer> b = new NumericOptimizer(descending(), cfg).run(new LineProblem());
        assertThat(a.history()).isEqualTo(b.history());
    }
}
