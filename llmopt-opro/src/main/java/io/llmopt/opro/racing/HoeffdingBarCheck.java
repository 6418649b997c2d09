package io.llmopt.opro.racing;

import io.llmopt.core.stats.HoeffdingSerfling;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link DropBound#HOEFFDING}: the candidate falls short when a Hoeffding-Serfling upper bound on
 * its full-split accuracy is below the bar. It looks only at the given prefix
 * sizes (not at the full split, where nothing is dropped) and spends {@code delta} evenly over
 * them: a union bound, which is why it does not look after every example.
 */
final class HoeffdingBarCheck implements BarCheck {

    private final double target;
    private final int splitSize;
    private final double deltaPerLook;
    private final Set<Integer> looks = new HashSet<>();
    private int seen;
    private int correctCount;
    private boolean below;

    HoeffdingBarCheck(Bar bar, int splitSize, double delta, List<Integer> lookSizes) {
        this.target = bar.score();
        this.splitSize = splitSize;
        for (int size : lookSizes) {
            if (size < splitSize) {
                looks.add(size);
            }
        }
        this.deltaPerLook = delta / Math.max(1, looks.size());
    }

    @Override
    public void observe(int exampleIndex, boolean correct) {
        seen++;
        correctCount += correct ? 1 : 0;
    }

    @Override
    public boolean showsBelowBar(int observed) {
        if (!below && looks.contains(observed) && seen > 0) {
            double upper = HoeffdingSerfling.upperBound((double) correctCount / seen, seen, splitSize, 0, 1,
                    deltaPerLook);
            // The tolerance keeps a candidate that can at best tie the target from being dropped by rounding.
            below = upper < target - 1e-12;
        }
        return below;
    }
}
