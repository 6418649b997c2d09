package io.llmopt.opro.numeric;

import io.llmopt.core.concurrent.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Evaluates a batch of solutions with at most {@code maxConcurrent} in flight and a time-out on
 * each. A failure or time-out becomes a failed {@link Evaluation}; it never aborts the batch.
 * Results come back in input order whatever order they finish in, which keeps runs deterministic.
 * A JVM {@link Error} (out of memory, stack overflow) is not the objective's verdict on a solution:
 * it propagates and ends the run rather than being stored as that solution's result.
 */
final class EvaluationScheduler {

    private final int maxConcurrent;
    private final Duration timeout;

    EvaluationScheduler(int maxConcurrent, Duration timeout) {
        this.maxConcurrent = maxConcurrent;
        this.timeout = timeout;
    }

    <S> List<Evaluation<S>> evaluateAll(NumericProblem<S> problem, List<S> solutions, int step) {
        Semaphore slots = new Semaphore(maxConcurrent);
        List<CompletableFuture<Evaluation<S>>> pending = new ArrayList<>(solutions.size());
        for (S solution : solutions) {
            String key = problem.key(solution);
            slots.acquireUninterruptibly();
            CompletableFuture<Double> value;
            try {
                value = problem.evaluate(solution);
            } catch (RuntimeException e) {
                value = CompletableFuture.failedFuture(e);
            }
            // orTimeout completes the problem's own future, so an objective that watches its
            // future (a process, an HTTP call) can cancel the work behind it.
            pending.add(value.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((v, error) -> {
                        slots.release();
                        return toEvaluation(solution, key, step, v, error);
                    }));
        }
        List<Evaluation<S>> results = new ArrayList<>(pending.size());
        for (CompletableFuture<Evaluation<S>> f : pending) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (Futures.unwrap(e) instanceof Error fatal) {
                    throw fatal;
                }
                throw e;
            }
        }
        return results;
    }

    private <S> Evaluation<S> toEvaluation(S solution, String key, int step, Double value, Throwable error) {
        if (error != null) {
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof Error fatal) {
                throw fatal;
            }
            return Evaluation.failure(solution, key, step, describe(cause));
        }
        if (value == null || !Double.isFinite(value)) {
            return Evaluation.failure(solution, key, step, "objective returned a non-finite value: " + value);
        }
        return Evaluation.success(solution, key, step, value);
    }


    private String describe(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return "timed out after " + timeout.toMillis() + " ms";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
