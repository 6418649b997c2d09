package io.llmopt.opro.numeric;

import io.llmopt.core.llm.LlmException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The outcome of a {@link NumericOptimizer} run.
 *
 * @param steps       every step, starting with step 0 (the starting solutions)
 * @param history     every evaluation in order, failed ones included
 * @param best        the best successful evaluation, or null when none succeeded
 * @param stopReason  why the run ended
 * @param failure     the optimizer error when {@code stopReason} is OPTIMIZER_FAILED or BUDGET_REACHED, else null
 * @param failureKind what kind of error {@code failure} is (a refused key needs fixing before a resume), else null
 * @param optimumStep the step at which an optimal solution was evaluated, if any
 * @param <S>         the solution type
 */
public record NumericRunResult<S>(
        List<StepResult<S>> steps,
        List<Evaluation<S>> history,
        Evaluation<S> best,
        StopReason stopReason,
        String failure,
        LlmException.Kind failureKind,
        OptionalInt optimumStep) {

    public NumericRunResult {
        steps = List.copyOf(steps);
        history = List.copyOf(history);
    }

    /** Optimization steps that ran (step 0, the starting solutions, not counted). */
    public int stepCount() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
    }

    /** Raw optimizer outputs received over the run. */
    public int proposalCount() {
        return steps.stream().mapToInt(s -> s.outputs().size()).sum();
    }

    public int invalidCount() {
        return steps.stream().mapToInt(StepResult::invalidCount).sum();
    }

    public int duplicateCount() {
        return steps.stream().mapToInt(StepResult::duplicates).sum();
    }

    /** Distinct solutions evaluated, starting solutions included. */
    public int evaluationCount() {
        return history.size();
    }

    /** Distinct solutions evaluated that the optimizer proposed (step 1 on). */
    public int proposedEvaluationCount() {
        return (int) history.stream().filter(e -> e.step() > 0).count();
    }

    /** Invalid outputs over the run counted by reason. */
    public Map<String, Integer> invalidReasons() {
        Map<String, Integer> counts = new TreeMap<>();
        steps.forEach(s -> s.invalidReasons().forEach((k, v) -> counts.merge(k, v, Integer::sum)));
        return counts;
    }

    /**
     * True when the optimizer proposed something and not one proposal was a valid solution: the
     * model does not answer in the problem's format (a generic endpoint, a dry run's simulated
     * replies), so the run learnt nothing and has failed, whatever its stop reason says.
     */
    public boolean everyProposalInvalid() {
        return proposalCount() > 0 && invalidCount() == proposalCount();
    }

    /**
     * One line saying that every proposal was invalid and the commonest reasons, for a run where
     * {@link #everyProposalInvalid()}.
     */
    public String everyProposalInvalidMessage() {
        StringBuilder reasons = new StringBuilder();
        invalidReasons().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .forEach(e -> reasons.append(reasons.isEmpty() ? "" : ", ").append(e.getKey()).append(" ").append(e.getValue()));
        return "all " + proposalCount() + " of the optimizer's proposals were invalid (" + reasons
                + "): the optimizer model does not answer in the format the meta-prompt asks for; try another model";
    }

    public boolean reachedOptimum() {
        return optimumStep.isPresent();
    }
}
