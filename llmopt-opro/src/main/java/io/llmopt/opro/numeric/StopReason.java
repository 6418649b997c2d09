package io.llmopt.opro.numeric;

/** Why a {@link NumericOptimizer} run ended. */
public enum StopReason {
    /** A solution the problem recognises as optimal was evaluated. */
    OPTIMUM_REACHED,
    /** The configured number of steps ran. */
    MAX_STEPS,
    /** The evaluation budget is spent. */
    MAX_EVALUATIONS,
    /** The best value did not improve for the configured number of steps. */
    NO_IMPROVEMENT,
    /** A call to the optimizer model failed; the history up to that step is kept. */
    OPTIMIZER_FAILED,
    /** The optimizer model refused a call because the run's budget is spent; the run can be resumed with more. */
    BUDGET_REACHED,
    /** The caller asked the run to stop (Ctrl-C, a budget); finished steps are kept and can be resumed. */
    STOPPED
}
