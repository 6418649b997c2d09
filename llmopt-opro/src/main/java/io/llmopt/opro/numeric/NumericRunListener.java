package io.llmopt.opro.numeric;

/**
 * Receives each {@link StepResult} as soon as the step ends, on the thread running the loop.
 * A run store or a progress display attaches here; a slow listener slows the run.
 *
 * @param <S> the solution type
 */
@FunctionalInterface
public interface NumericRunListener<S> {

    void onStep(StepResult<S> step);

    static <S> NumericRunListener<S> none() {
        return step -> { };
    }
}
