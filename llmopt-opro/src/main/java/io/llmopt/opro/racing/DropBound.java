package io.llmopt.opro.racing;

/**
 * Which statistical test decides that a candidate falls short of the {@link Bar}.
 *
 * <p>Both treat the candidate's results on the training split as a fixed finite population and
 * the racing prefix as a uniformly random sample of it without replacement, so what they bound is
 * the candidate's <em>full-split</em> accuracy, the number the meta-prompt would show.
 */
public enum DropBound {

    /**
     * Anytime-valid testing by betting on the paired differences {@code x_i - y_i} with the bar
     * incumbent (or {@code x_i - threshold}); adapts to how often the two disagree, needs no union
     * bound over rounds. The default: far more powerful at small batches.
     */
    BETTING,

    /**
     * Hoeffding-Serfling upper bound on the candidate's accuracy, compared with the bar's score,
     * with the error rate split evenly over the rounds that can drop (a union bound). Simple and
     * conservative; ignores pairing because a paired difference doubles Hoeffding's range.
     */
    HOEFFDING
}
