package io.llmopt.opro.numeric;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The OPRO loop for problems whose solutions are scored by a function rather than by a scorer
 * model: per step, build the meta-prompt from the history, ask the optimizer for k outputs,
 * parse, validate and de-duplicate them, evaluate the new ones, and repeat until the optimum,
 * the step limit, the evaluation budget, or a run of steps without improvement.
 *
 * <p>Depends only on {@link LanguageModel}; retries, caching and accounting are decorators the
 * caller wraps around the model. Given a deterministic model and fixed seeds, a run is
 * deterministic: outputs are processed in sample order and evaluations recorded in proposal
 * order, whatever order they finish in.
 */
public final class NumericOptimizer {

    private final LanguageModel optimizer;
    private final NumericOptimizerConfig config;

    public NumericOptimizer(LanguageModel optimizer, NumericOptimizerConfig config) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.config = Objects.requireNonNull(config, "config");
    }

    public NumericOptimizerConfig config() {
        return config;
    }

    public <S> NumericRunResult<S> run(NumericProblem<S> problem) {
        return run(problem, NumericRunListener.none());
    }

    public <S> NumericRunResult<S> run(NumericProblem<S> problem, NumericRunListener<S> listener) {
        return resume(problem, List.of(), listener, () -> false);
    }

    /**
     * Continues a run from its recorded steps: they are replayed (history, best value, patience
     * count rebuilt; no model call, no evaluation, no listener call) and the loop goes on from the
     * step after the last one. With no recorded steps this is a fresh run. Sampling seeds depend
     * on the step only, so a resumed run asks the optimizer what the uninterrupted run would have.
     *
     * @param recorded      the steps already done, in order, starting with step 0
     * @param stopRequested polled between steps; when true the run ends with {@link StopReason#STOPPED}
     */
    public <S> NumericRunResult<S> resume(NumericProblem<S> problem, List<RecordedStep<S>> recorded,
                                          NumericRunListener<S> listener, BooleanSupplier stopRequested) {
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(stopRequested, "stopRequested");
        return new Run<>(problem, listener, stopRequested).execute(recorded);
    }

    /** The state of one run; a fresh instance per call keeps the optimizer reusable and thread-safe. */
    private final class Run<S> {
        private final NumericProblem<S> problem;
        private final NumericRunListener<S> listener;
        private final BooleanSupplier stopRequested;
        private final EvaluationScheduler scheduler =
                new EvaluationScheduler(config.maxConcurrentEvaluations(), config.evaluationTimeout());
        private final List<StepResult<S>> steps = new ArrayList<>();
        private final List<Evaluation<S>> history = new ArrayList<>();
        private final List<Evaluation<S>> scored = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private Evaluation<S> best;
        private Integer optimumStep;

        Run(NumericProblem<S> problem, NumericRunListener<S> listener, BooleanSupplier stopRequested) {
            this.problem = Objects.requireNonNull(problem, "problem");
            this.listener = Objects.requireNonNull(listener, "listener");
            this.stopRequested = stopRequested;
        }

        NumericRunResult<S> execute(List<RecordedStep<S>> recorded) {
            int stepsWithoutImprovement = 0;
            if (recorded.isEmpty()) {
                runStep(0, "", List.of(), problem.startingSolutions(), List.of(), List.of());
            } else {
                stepsWithoutImprovement = replay(recorded);
            }
            if (optimumStep != null) {
                return finish(StopReason.OPTIMUM_REACHED, null);
            }
            int first = steps.get(steps.size() - 1).step() + 1;
            for (int step = first; step <= config.maxSteps(); step++) {
                if (history.size() >= config.maxEvaluations()) {
                    return finish(StopReason.MAX_EVALUATIONS, null);
                }
                if (config.patience() > 0 && stepsWithoutImprovement >= config.patience()) {
                    return finish(StopReason.NO_IMPROVEMENT, null);
                }
                if (stopRequested.getAsBoolean()) {
                    return finish(StopReason.STOPPED, null);
                }
                String metaPrompt = problem.metaPrompt(List.copyOf(scored));
                List<String> outputs;
                try {
                    outputs = sample(metaPrompt, step);
                } catch (RuntimeException e) {
                    // Retries belong to the model's decorators; what reaches us is final.
                    LlmException error = LlmException.unwrap(e, optimizer.info());
                    return finish(error.kind() == LlmException.Kind.BUDGET_EXCEEDED ? StopReason.BUDGET_REACHED
                            : StopReason.OPTIMIZER_FAILED, error.getMessage(), error.kind());
                }
                List<S> proposals = new ArrayList<>();
                List<Rejection> rejections = new ArrayList<>();
                List<Integer> rejectedOutputs = new ArrayList<>();
                for (int i = 0; i < outputs.size(); i++) {
                    Parsed<S> parsed = parseSafely(outputs.get(i));
                    switch (parsed) {
                        case Parsed.Rejected<S> r -> {
                            rejections.add(r.rejection());
                            rejectedOutputs.add(i);
                        }
                        case Parsed.Solution<S> s -> {
                            Optional<Rejection> invalid = problem.validate(s.value());
                            if (invalid.isPresent()) {
                                rejections.add(invalid.get());
                                rejectedOutputs.add(i);
                            } else {
                                proposals.add(s.value());
                            }
                        }
                    }
                }
                StepResult<S> result = runStep(step, metaPrompt, outputs, proposals, rejections, rejectedOutputs);
                if (optimumStep != null) {
                    return finish(StopReason.OPTIMUM_REACHED, null);
                }
                stepsWithoutImprovement = result.improved() ? 0 : stepsWithoutImprovement + 1;
                if (config.patience() > 0 && stepsWithoutImprovement >= config.patience()) {
                    return finish(StopReason.NO_IMPROVEMENT, null);
                }
            }
            return finish(history.size() >= config.maxEvaluations() ? StopReason.MAX_EVALUATIONS : StopReason.MAX_STEPS, null);
        }

        private Parsed<S> parseSafely(String output) {
            try {
                return problem.parse(output);
            } catch (RuntimeException e) {
                // A parser bug must not end a long run; the output is counted as unparsable.
                return Parsed.rejected("parser error", String.valueOf(e.getMessage()));
            }
        }

        /** Rebuilds the state from recorded steps; returns the steps without improvement at the end. */
        private int replay(List<RecordedStep<S>> recorded) {
            int stepsWithoutImprovement = 0;
            int expected = 0;
            for (RecordedStep<S> r : recorded) {
                if (r.step() != expected++) {
                    throw new IllegalArgumentException("recorded steps must be 0, 1, 2, ... without gaps; found step "
                            + r.step() + " where " + (expected - 1) + " was expected");
                }
                r.evaluations().forEach(e -> seen.add(e.key()));
                StepResult<S> result = absorb(r.step(), r.metaPrompt(), r.outputs(), r.rejections(), r.rejectedOutputs(),
                        r.duplicates(), r.evaluations());
                if (r.step() > 0) {
                    stepsWithoutImprovement = result.improved() ? 0 : stepsWithoutImprovement + 1;
                }
            }
            return stepsWithoutImprovement;
        }

        private StepResult<S> runStep(int step, String metaPrompt, List<String> outputs, List<S> proposals,
                                      List<Rejection> rejections, List<Integer> rejectedOutputs) {
            List<S> fresh = new ArrayList<>();
            int duplicates = 0;
            for (S proposal : proposals) {
                if (seen.add(problem.key(proposal))) {
                    fresh.add(proposal);
                } else {
                    duplicates++;
                }
            }
            int budget = config.maxEvaluations() - history.size();
            if (fresh.size() > budget) {
                fresh = fresh.subList(0, Math.max(budget, 0));
            }
            List<Evaluation<S>> evaluations = scheduler.evaluateAll(problem, fresh, step);
            StepResult<S> result = absorb(step, metaPrompt, outputs, rejections, rejectedOutputs, duplicates, evaluations);
            listener.onStep(result);
            return result;
        }

        /** Adds a step's evaluations to the history and updates the best value and the optimum. */
        private StepResult<S> absorb(int step, String metaPrompt, List<String> outputs, List<Rejection> rejections,
                                     List<Integer> rejectedOutputs, int duplicates, List<Evaluation<S>> evaluations) {
            boolean improved = false;
            for (Evaluation<S> e : evaluations) {
                history.add(e);
                if (!e.succeeded()) {
                    continue;
                }
                scored.add(e);
                if (best == null || problem.direction().isBetter(e.value(), best.value())) {
                    best = e;
                    improved = true;
                }
                if (optimumStep == null && problem.isOptimal(e.solution(), e.value())) {
                    optimumStep = step;
                }
            }
            StepResult<S> result = new StepResult<>(step, metaPrompt, outputs, rejections, rejectedOutputs, duplicates, evaluations,
                    best, improved);
            steps.add(result);
            return result;
        }

        private List<String> sample(String metaPrompt, int step) {
            ChatRequest.Builder request = ChatRequest.builder()
                    .user(metaPrompt)
                    .temperature(config.temperature())
                    .maxTokens(config.maxTokens());
            int k = config.candidatesPerStep();
            if (config.samplingMode() == SamplingMode.BATCH) {
                ChatRequest batch = request.n(k).seed(seedFor(step, 0)).build();
                return optimizer.chat(batch).join().texts();
            }
            List<CompletableFuture<ChatResponse>> calls = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                calls.add(optimizer.chat(request.n(1).seed(seedFor(step, i)).build()));
            }
            List<String> outputs = new ArrayList<>(k);
            for (CompletableFuture<ChatResponse> call : calls) {
                outputs.addAll(call.join().texts());
            }
            return outputs;
        }

        /** Distinct per step and call so separate calls do not all draw the same sample. */
        private Long seedFor(int step, int call) {
            Long base = config.seed();
            return base == null ? null : base + (long) step * config.candidatesPerStep() + call;
        }

        private NumericRunResult<S> finish(StopReason reason, String failure) {
            return finish(reason, failure, null);
        }

        private NumericRunResult<S> finish(StopReason reason, String failure, LlmException.Kind failureKind) {
            OptionalInt optimum = optimumStep == null ? OptionalInt.empty() : OptionalInt.of(optimumStep);
            return new NumericRunResult<>(steps, history, best, reason, failure, failureKind, optimum);
        }
    }
}
