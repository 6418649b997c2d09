package io.llmopt.opro.prompt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.stack.ModelStack;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.racing.EvaluationStrategy;
import io.llmopt.opro.racing.Racing;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import io.llmopt.core.batch.BatchPhases;

/**
 * OPRO prompt optimization, the library entry point: everything {@code llmopt opro prompt} does.
 *
 * <p>Each step builds the meta-prompt from the scored instructions so far and a few exemplars,
 * asks the optimizer for candidates, extracts, polishes and screens them (every dropped candidate
 * is recorded with its reason), and scores each kept candidate on every training example as soon
 * as the optimizer returns it: all scorer calls of a step are issued at once, and the model stack
 * (its concurrency limits) decides how many run. With racing evaluation a step's candidates are
 * raced instead, and those that cannot enter the meta-prompt stop early. Every few steps the new and
 * the best instructions are validated, overlapping the next steps (validation never feeds the
 * meta-prompt); after the last step the best instructions and the initial ones are tested, with
 * confidence intervals and paired tests against the baseline.
 *
 * <p>With a {@link RunStore}, everything is recorded as it happens, and running again with the
 * same run id resumes: finished steps are replayed from the store, a half-scored candidate is
 * scored only on its missing examples, nothing stored is asked again.
 *
 * <pre>{@code
 * PromptOptimizer optimizer = PromptOptimizer.builder()
 *         .optimizer(optimizerModel)
 *         .scorer(scorerModel, TaskGrading.forDataset("gsm8k"))
 *         .config(PromptOptimizationConfig.reference().toBuilder().steps(20).forbidDigits(true).build())
 *         .examples(train, validation, test)
 *         .context(RunContext.of(store, runId))
 *         .build();
 * PromptOptimizationResult result = optimizer.run();
 * }</pre>
 */
public final class PromptOptimizer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The phase of the steps (step 0, the search steps, their validations), as {@link BatchPhases} names it. */
    public static final String SEARCH_PHASE = "search";
    /** The phase of the final test evaluation: {@code --batch test} batches only this one. */
    public static final String TEST_PHASE = "test";

    private final LanguageModel optimizer;
    private final PromptOptimizationConfig config;
    private final RecordingScorer scorer;
    private final RunRecorder recorder;
    private final boolean manageRunStatus;
    private final List<Example> train;
    private final List<Example> validation;
    private final List<Example> test;
    private final OptionalInt scorerConcurrency;
    private final BatchPhases batchPhases;

    private PromptOptimizer(Builder b) {
        this.optimizer = Objects.requireNonNull(b.optimizer, "an optimizer model is required");
        this.config = Objects.requireNonNull(b.config, "config");
        this.recorder = RunRecorder.of(b.context != null ? b.context : RunContext.inMemory("memory-" + UUID.randomUUID()));
        this.scorer = scorerFrom(b, config, recorder);
        this.manageRunStatus = b.manageRunStatus;
        this.batchPhases = b.batchPhases;
        this.train = List.copyOf(b.train);
        this.validation = List.copyOf(b.validation);
        // a final top-k of 0 means no final test at all, not "the baseline alone"
        this.test = config.finalTopK() == 0 ? List.of() : List.copyOf(b.test);
        // asks the stack for its settings; a bare model says nothing, and racing uses its default
        this.scorerConcurrency = b.scorerModel instanceof ModelStack stack ? stack.maxConcurrency() : OptionalInt.empty();
        if (train.isEmpty() && b.instructionScorer == null) {
            throw new IllegalArgumentException("prompt optimization needs training examples");
        }
    }

    private static RecordingScorer scorerFrom(Builder b, PromptOptimizationConfig config, RunRecorder recorder) {
        int given = (b.scorerModel != null ? 1 : 0) + (b.exampleScorer != null ? 1 : 0)
                + (b.instructionScorer != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of: a scorer model, an example scorer or metric,"
                    + " an instruction scorer");
        }
        if (b.instructionScorer != null) {
            return new RecordingScorer(new WholeInstructionSplitScorer(b.instructionScorer, config.penalty()), recorder);
        }
        ExampleScorer exampleScorer = b.exampleScorer != null ? b.exampleScorer
                : LlmExampleScorer.of(b.scorerModel, config, b.grading);
        return new RecordingScorer(new PerExampleSplitScorer(exampleScorer, config.penalty()), recorder);
    }

    public static Builder builder() {
        return new Builder();
    }

    public PromptOptimizationConfig config() {
        return config;
    }

    public String runId() {
        return recorder.runId();
    }

    /**
     * Runs (or resumes) the optimization. Blocks until it finishes or a stop request is seen at a
     * step boundary (then the result says {@code stopped} and the run can be resumed).
     *
     * @throws LlmException when a model call fails for good (after the stack's retries); what was
     *     recorded stays, and the run can be resumed
     */
    public PromptOptimizationResult run() {
        if (manageRunStatus) {
            recorder.status(RunStatus.RUNNING);
        }
        OptimizationRun run = new OptimizationRun(config, new OptimizerSampler(optimizer, config), scorer, recorder,
                train, validation, test, racer(), batchPhases);
        PromptOptimizationResult result;
        try {
            result = run.execute();
        } catch (RuntimeException e) {
            recorder.event(new RunEvent(java.time.Instant.now(), recorder.runId(), RunEvent.Level.ERROR, "run.failed",
                    String.valueOf(e.getMessage()), Map.of()));
            recorder.flush();
            if (manageRunStatus) {
                // A model that failed for good may work tomorrow: keep such a run resumable.
                recorder.status(statusAfter(e));
            }
            throw e;
        }
        recorder.summary(summary(result));
        recorder.flush();
        if (manageRunStatus) {
            recorder.status(result.stopped() ? RunStatus.INTERRUPTED : RunStatus.COMPLETED);
        }
        return result;
    }

    /** The racing evaluator of the training split, or null for full evaluation. */
    private StepRacer racer() {
        if (config.evaluation() == EvaluationStrategy.FULL) {
            return null;
        }
        if (!scorer.perExample()) {
            throw new IllegalArgumentException("racing evaluation needs per-example scoring (a scorer model or an"
                    + " example scorer), not an instruction scorer");
        }
        return new StepRacer(Racing.forStrategy(config.evaluation(), config.racingSettings(scorerConcurrency)),
                scorer, train, config.racingSeed());
    }

    /** What a run that failed with {@code e} is: budget reached, resumable (a model failure), or failed. */
    public static RunStatus statusAfter(RuntimeException e) {
        if (e instanceof LlmException llm) {
            return switch (llm.kind()) {
                case BUDGET_EXCEEDED -> RunStatus.BUDGET_REACHED;
                // a server that never answered (a typo in the URL, a server not started): nothing to resume
                case UNREACHABLE -> RunStatus.FAILED;
                // a refused key fails the run; it resumes once the key is fixed
                case UNAUTHORIZED -> RunStatus.FAILED;
                default -> RunStatus.INTERRUPTED;
            };
        }
        return RunStatus.FAILED;
    }

    /** The run summary stored with the run: the keys reports and {@code llmopt runs} read. */
    public static ObjectNode summary(PromptOptimizationResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("steps_done", result.stepsDone());
        node.put("stopped", result.stopped());
        node.put("candidates", result.candidates().size());
        result.best().ifPresent(best -> {
            node.put("best_instruction", best.instruction());
            node.put("best_candidate_id", best.id());
            node.put("best_train_score", best.trainScore());
            node.put("best_penalized_score", best.penalizedScore());
            if (best.validationScore() != null) {
                node.put("best_validation_score", best.validationScore());
            }
            if (best.testScore() != null) {
                node.put("best_test_score", best.testScore());
            }
        });
        if (result.finalEvaluation() != null) {
            result.finalEvaluation().baseline().ifPresent(b -> node.put("baseline_test_score", b.accuracy()));
        }
        return node;
    }

    /** Collects the models, data and settings of a {@link PromptOptimizer}. */
    public static final class Builder {
        private LanguageModel optimizer;
        private LanguageModel scorerModel;
        private TaskGrading grading;
        private ExampleScorer exampleScorer;
        private InstructionScorer instructionScorer;
        private PromptOptimizationConfig config = PromptOptimizationConfig.reference();
        private RunContext context;
        private boolean manageRunStatus = true;
        private List<Example> train = List.of();
        private List<Example> validation = List.of();
        private List<Example> test = List.of();
        private BatchPhases batchPhases;

        /** The model that writes new instructions from the meta-prompt. */
        public Builder optimizer(LanguageModel model) {
            optimizer = model;
            return this;
        }

        /** The model that answers the examples, graded by the data set's rules. */
        public Builder scorer(LanguageModel model, TaskGrading taskGrading) {
            scorerModel = Objects.requireNonNull(model, "model");
            grading = Objects.requireNonNull(taskGrading, "taskGrading");
            return this;
        }

        /** Any per-example scorer instead of a scorer model. */
        public Builder exampleScorer(ExampleScorer value) {
            exampleScorer = value;
            return this;
        }

        /** A per-example metric (instruction, example) -> score in [0, 1] instead of a scorer model. */
        public Builder metric(ExampleMetric metric) {
            exampleScorer = ExampleScorer.fromMetric(metric);
            return this;
        }

        /** A whole-instruction score instead of per-example scoring. */
        public Builder instructionScorer(InstructionScorer value) {
            instructionScorer = value;
            return this;
        }

        public Builder config(PromptOptimizationConfig value) {
            config = value;
            return this;
        }

        /** The training, validation and test examples (validation and test may be empty). */
        public Builder examples(List<Example> trainExamples, List<Example> validationExamples,
                                List<Example> testExamples) {
            train = trainExamples;
            validation = validationExamples;
            test = testExamples;
            return this;
        }

        /**
         * The run this optimization is part of: it records into (and resumes) the context's run,
         * tells its listener, and ends early, resumable, once the context asks it to stop (polled at
         * step boundaries: Ctrl-C, a budget). Without it the run stays in memory.
         */
        public Builder context(RunContext value) {
            context = Objects.requireNonNull(value, "context");
            return this;
        }

        /**
         * Whether {@link #run()} sets the run's status (running, completed, interrupted, failed);
         * turn off when a caller such as the CLI's run manager finishes the run itself.
         */
        public Builder manageRunStatus(boolean value) {
            manageRunStatus = value;
            return this;
        }

        /**
         * Told which phase the run is in ({@link #SEARCH_PHASE}, then {@link #TEST_PHASE}), before
         * the phase's first call: the same object as the workspace's, so models in batch mode batch
         * only the phases it names (the final test alone for {@code --batch test}).
         */
        public Builder batchPhases(BatchPhases value) {
            batchPhases = value;
            return this;
        }

        public PromptOptimizer build() {
            return new PromptOptimizer(this);
        }
    }
}
