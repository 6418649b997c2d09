package io.llmopt.opro.racing;

import io.llmopt.core.stats.HoeffdingSerfling;

/**
 * {@link DropBound#HOEFFDING}: the candidate is below the bar when a Hoeffding-Serfling upper
 * bound on its full-split accuracy is; {@code delta} here is already one round's share.
 */
final class HoeffdingBarTest implements BarTest {

    private final double barScore;
    private final int splitSize;
    private final double deltaPerRound;
    private int seen;
    private int correctCount;

    HoeffdingBarTest(Bar bar, int splitSize, double deltaPerRound) {
        this.barScore = bar.score();
        this.splitSize = splitSize;
        this.deltaPerRound = deltaPerRound;
    }

    @Override
    public void observe(int exampleIndex, boolean correct) {
        seen++;
        correctCount += correct ? 1 : 0;
    }

    @Override
    public boolean showsBelowBar() {
        if (seen == 0) {
            return false;
        }
        double upper = HoeffdingSerfling.upperBound((double) correctCount / seen, seen, splitSize, 0, 1, deltaPerRound);
        // The tolerance keeps a candidate that can at best tie the bar from being dropped by rounding.
        return upper < barScore - 1e-12;
    }
}
