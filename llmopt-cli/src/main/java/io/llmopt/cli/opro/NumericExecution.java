package io.llmopt.cli.opro;

import java.io.PrintWriter;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.cli.common.Interrupts;
import io.llmopt.cli.common.RunSession;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.RunContext;
import io.llmopt.core.store.RunStatus;
import io.llmopt.opro.numeric.NumericOptimizer;
import io.llmopt.opro.numeric.NumericOptimizerConfig;
import io.llmopt.opro.numeric.NumericProblem;
import io.llmopt.opro.numeric.NumericRunResult;
import io.llmopt.opro.numeric.StopReason;
import io.llmopt.opro.numeric.store.SolutionCodec;
import io.llmopt.opro.numeric.store.StoredNumericRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How the numeric commands run a numeric optimization in a session's run: with the run's
 * optimizer model, recording and resume through the run's context, Ctrl-C as a clean stop, and
 * why the run stopped turned into its stored status (whose exit code {@link RunSession} gives).
 */
final class NumericExecution {

    private final RunSession session;
    private final PrintWriter out;

    /** {@code out} receives a failed run's reason and the report paths. */
    NumericExecution(RunSession session, PrintWriter out) {
        this.session = session;
        this.out = out;
    }

    /**
     * Runs (or resumes) {@code problem} in {@code run} with the run's optimizer model, recording
     * every step and showing progress; then stores the summary and the final status.
     */
    <S> NumericRunResult<S> execute(ActiveRun run, NumericOptimizerConfig config, NumericProblem<S> problem,
                                    SolutionCodec<S> codec, Function<NumericRunResult<S>, JsonNode> summary) {
        return execute(run, config, problem, codec, summary, result -> { });
    }

    /** As above; {@code beforeReport} is told the result first, so a run's own line comes before its report's. */
    <S> NumericRunResult<S> execute(ActiveRun run, NumericOptimizerConfig config, NumericProblem<S> problem,
                                    SolutionCodec<S> codec, Function<NumericRunResult<S>, JsonNode> summary,
                                    Consumer<NumericRunResult<S>> beforeReport) {
        NumericOptimizer optimizer = new NumericOptimizer(run.model(ModelRoles.OPTIMIZER), config);
        NumericRunResult<S> result;
        try (Interrupts interrupts = session.interrupts(run)) {
            RunContext context = run.context();
            result = new StoredNumericRun<>(context, codec).run(optimizer, problem, step -> {
                OptionalDouble best = step.best() == null ? OptionalDouble.empty() : OptionalDouble.of(step.bestValue());
                context.progress("step", step.step(), config.maxSteps(), step.evaluations().size(), 0, best,
                        step.best() == null ? 0 : step.best().step());
            });
            if (run.stopRequested()) {
                // a stop cancels the calls in flight, which the optimizer may see as its own failure
                run.finish(RunStatus.INTERRUPTED, summary.apply(result));
            } else if (result.everyProposalInvalid()) {
                run.finish(RunStatus.FAILED, summary.apply(result));
                run.event(RunEvent.Level.ERROR, "run.all_invalid", result.everyProposalInvalidMessage(), Map.of());
                out.println("run " + run.id() + " failed: " + result.everyProposalInvalidMessage());
                out.flush();
            } else {
                run.finish(statusOf(result.stopReason()), summary.apply(result));
                if (result.stopReason() == StopReason.OPTIMIZER_FAILED && result.failure() != null) {
                    // the reason, e.g. a server that is not running, must not hide behind a table of zeros
                    out.println("run " + run.id() + " failed: " + result.failure());
                    out.flush();
                }
            }
        }
        beforeReport.accept(result);
        session.writeReport(run, out);
        return result;
    }

    static RunStatus statusOf(StopReason reason) {
        return switch (reason) {
            case OPTIMIZER_FAILED -> RunStatus.FAILED;
            case BUDGET_REACHED -> RunStatus.BUDGET_REACHED;
            case STOPPED -> RunStatus.INTERRUPTED;
            default -> RunStatus.COMPLETED;
        };
    }

    /**
     * The exit code of a command whose runs ended so: the most serious one wins, and a run whose
     * every proposal was invalid failed.
     */
    static int exitCodeOfRuns(List<? extends NumericRunResult<?>> results) {
        List<RunStatus> statuses = new ArrayList<>();
        for (NumericRunResult<?> r : results) {
            statuses.add(statusOf(r.everyProposalInvalid() && r.stopReason() != StopReason.STOPPED
                    ? StopReason.OPTIMIZER_FAILED : r.stopReason()));
        }
        return RunSession.exitCode(statuses);
    }
}
