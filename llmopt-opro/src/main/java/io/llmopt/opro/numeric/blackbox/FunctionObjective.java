package io.llmopt.opro.numeric.blackbox;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;

/** A Java function as an objective, run on virtual threads so slow functions can overlap. */
public final class FunctionObjective implements Objective {

    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    private final ToDoubleFunction<Candidate> function;

    public FunctionObjective(ToDoubleFunction<Candidate> function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    @Override
    public CompletableFuture<Double> evaluate(Candidate candidate) {
        return CompletableFuture.supplyAsync(() -> function.applyAsDouble(candidate), VIRTUAL);
    }
}
