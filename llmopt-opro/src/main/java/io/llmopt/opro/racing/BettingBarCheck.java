package io.llmopt.opro.racing;

import io.llmopt.core.stats.FinitePopulationBetting;

/**
 * {@link DropBound#BETTING}: a sequential test of "the candidate's full-split accuracy is at least
 * the bar" on the per-example differences with the bar, rejected means dropped.
 * Anytime-valid, so it may look after every example at no cost to its error rate.
 */
final class BettingBarCheck implements BarCheck {

    private final Bar bar;
    private final FinitePopulationBetting test;

    BettingBarCheck(Bar bar, int splitSize, double delta) {
        this.bar = bar;
        // Paired: d_i = x_i - y_i in [-1, 1] has mean accuracy(candidate) - accuracy(bar incumbent).
        // Threshold: d_i = x_i - threshold in [-threshold, 1 - threshold], mean accuracy - threshold.
        double lower = bar.paired() ? -1 : -bar.score();
        double upper = bar.paired() ? 1 : 1 - bar.score();
        this.test = new FinitePopulationBetting(splitSize, lower, upper, 0, delta);
    }

    @Override
    public void observe(int exampleIndex, boolean correct) {
        double x = correct ? 1 : 0;
        double y = bar.incumbent().map(i -> i.correctOn(exampleIndex) ? 1.0 : 0.0).orElse(bar.score());
        test.observe(x - y);
    }

    @Override
    public boolean showsBelowBar(int observed) {
        return test.rejected();
    }
}
