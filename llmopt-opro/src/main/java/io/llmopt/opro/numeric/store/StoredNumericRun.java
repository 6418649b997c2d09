package io.llmopt.opro.numeric.store;

import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.store.RunStore;
import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericProblem;
import io.llmopt.opro.numeric.NumericRunListener;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.RecordedStep;
import java.util.List;
import java.util.Objects;

/**
 * A numeric run backed by its {@link RunContext}'s store: starts fresh when the run has no recorded step, else
 * replays the recorded steps and continues after the last, recording every new step as it ends.
 * Running it again with the same run id therefore never repeats a recorded step's model call or
 * evaluation.
 *
 * <pre>{@code
 * RunRecord run = store.createRun(NumericRunKinds.LINREG, "w=15 b=14", config);
 * var stored = new StoredNumericRun<>(RunContext.of(store, run.id()), SolutionCodecs.wbPair());
 * NumericRunResult<WbPair> result = stored.run(optimizer, problem, NumericRunListener.none());
 * store.updateSummary(run.id(), NumericRunSummary.linearRegression(result, problem, 15, 14, "best-integer-pair"));
 * }</pre>
 *
 * <p>The problem must be rebuilt exactly as it was (same data, seeds and starting solutions):
 * the store holds the run's history, not its problem definition, which belongs in the run's
 * configuration.
 *
 * @param <S> the solution type
 */
public final class StoredNumericRun<S> {

    private final RunContext context;
    private final RunStore store;
    private final String runId;
    private final SolutionCodec<S> codec;

    /** The run of {@code context}, which must have a store; it stops once the context asks. */
    public StoredNumericRun(RunContext context, SolutionCodec<S> codec) {
        this.context = Objects.requireNonNull(context, "context");
        this.store = context.store();
        this.runId = context.runId();
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public String runId() {
        return runId;
    }

    /** The steps already recorded for this run. */
    public List<RecordedStep<S>> recordedSteps(NumericProblem<S> problem) {
        return NumericRunReplay.load(store, runId, problem, codec);
    }

    /**
     * Runs or resumes, recording each new step before {@code listener} sees it, and returns once
     * every step is committed.
     */
    public NumericRunResult<S> run(NumericOptimizer optimizer, NumericProblem<S> problem, NumericRunListener<S> listener) {
        NumericRunRecorder<S> recorder = new NumericRunRecorder<>(store, runId, codec);
        NumericRunListener<S> both = step -> {
            recorder.onStep(step);
            listener.onStep(step);
        };
        try {
            return optimizer.resume(problem, recordedSteps(problem), both, context::stopRequested);
        } finally {
            store.flush();
        }
    }
}
