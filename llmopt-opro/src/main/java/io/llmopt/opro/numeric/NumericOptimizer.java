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
        return new Run<>(problem, listener).execute();
    }

    /** The state of one run; a fresh instance per call keeps the optimizer reusable and thread-safe. */
    private final class Run<S> {
        private final NumericProblem<S> problem;
        private final NumericRunListener<S> listener;
        private final EvaluationScheduler scheduler =
                new EvaluationScheduler(config.maxConcurrentEvaluations(), config.evaluationTimeout());
        private final List<StepResult<S>> steps = new ArrayList<>();
        private final List<Evaluation<S>> history = new ArrayList<>();
        private final List<Evaluation<S>> scored = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private Evaluation<S> best;
        private Integer optimumStep;

        Run(NumericProblem<S> problem, NumericRunListener<S> listener) {
            this.problem = Objects.requireNonNull(problem, "problem");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        NumericRunResult<S> execute() {
            runStep(0, "", List.of(), problem.startingSolutions(), List.of());
            if (optimumStep != null) {
                return finish(StopReason.OPTIMUM_REACHED, null);
            }
            int stepsWithoutImprovement = 0;
            for (int step = 1; step <= config.maxSteps(); step++) {
                if (history.size() >= config.maxEvaluations()) {
                    return finish(StopReason.MAX_EVALUATIONS, null);
                }
                String metaPrompt = problem.metaPrompt(List.copyOf(scored));
                List<String> outputs;
                try {
                    outputs = sample(metaPrompt, step);
                } catch (RuntimeException e) {
                    // Retries belong to the model's decorators; what reaches us is final.
                    return finish(StopReason.OPTIMIZER_FAILED, LlmException.unwrap(e, optimizer.info()).getMessage());
                }
                List<S> proposals = new ArrayList<>();
                List<Rejection> rejections = new ArrayList<>();
                for (String output : outputs) {
                    Parsed<S> parsed = parseSafely(output);
                    switch (parsed) {
                        case Parsed.Rejected<S> r -> rejections.add(r.rejection());
                        case Parsed.Solution<S> s -> {
                            Optional<Rejection> invalid = problem.validate(s.value());
                            if (invalid.isPresent()) {
                                rejections.add(invalid.get());
                            } else {
                                proposals.add(s.value());
                            }
                        }
                    }
                }
                StepResult<S> result = runStep(step, metaPrompt, outputs, proposals, rejections);
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

        private StepResult<S> runStep(int step, String metaPrompt, List<String> outputs, List<S> proposals,
                                      List<Rejection> rejections) {
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
            StepResult<S> result = new StepResult<>(step, metaPrompt, outputs, rejections, duplicates, evaluations,
                    best, improved);
            steps.add(result);
            listener.onStep(result);
            return result;
        }

        private List<String> sample(String metaPrompt, int step) {
            ChatRequest.Builder request = ChatRequest.builder()
                    .user(metaPrompt)
                    .temperature(config.temperature())
                    .maxTokens(config.maxTokens());
            int k = config.proposalsPerStep();
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
            return base == null ? null : base + (long) step * config.proposalsPerStep() + call;
        }

        private NumericRunResult<S> finish(StopReason reason, String failure) {
            OptionalInt optimum = optimumStep == null ? OptionalInt.empty() : OptionalInt.of(optimumStep);
            return new NumericRunResult<>(steps, history, best, reason, failure, optimum);
        }
    }
}
