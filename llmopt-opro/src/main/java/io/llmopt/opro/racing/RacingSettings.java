package io.llmopt.opro.racing;

import java.util.Objects;

/**
 * The run-level settings of racing.
 *
 * @param k              how many instructions the meta-prompt shows (the reference's
 *                       {@code max_num_instructions}, 20)
 * @param scoreThreshold the lowest score the meta-prompt shows (the reference's
 *                       {@code old_instruction_score_threshold}); 0 for none
 * @param schedule       the cumulative batch sizes
 * @param delta          per candidate, the largest chance of dropping a candidate whose full-split
 *                       accuracy reaches the bar, in (0, 1)
 * @param bound          the statistical test that decides a drop
 */
public record RacingSettings(int k, double scoreThreshold, BatchSchedule schedule, double delta, DropBound bound) {

    /** The meta-prompt size of the reference implementation. */
    public static final int DEFAULT_K = 20;
    /**
     * A guarantee worth stating rather than the largest saving: in {@code RacingBenchmark} 0.05
     * cuts scorer calls 1.1x to 1.9x (more as the bar rises during a run) at no measurable regret;
     * 0.2 or 0.5 save more (up to 3.4x late in a run) and still cost under 0.1 accuracy points on
     * average. See docs/racing.md.
     */
    public static final double DEFAULT_DELTA = 0.05;

    public RacingSettings {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(bound, "bound");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1], got " + scoreThreshold);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
    }

    /** k = 20, no threshold, 20/40/80/..., delta = {@value #DEFAULT_DELTA}, betting. */
    public static RacingSettings defaults() {
        return new RacingSettings(DEFAULT_K, 0, BatchSchedule.DEFAULT, DEFAULT_DELTA, DropBound.BETTING);
    }

    public RacingSettings withK(int newK) {
        return new RacingSettings(newK, scoreThreshold, schedule, delta, bound);
    }

    public RacingSettings withScoreThreshold(double threshold) {
        return new RacingSettings(k, threshold, schedule, delta, bound);
    }

    public RacingSettings withSchedule(BatchSchedule newSchedule) {
        return new RacingSettings(k, scoreThreshold, newSchedule, delta, bound);
    }

    public RacingSettings withDelta(double newDelta) {
        return new RacingSettings(k, scoreThreshold, schedule, newDelta, bound);
    }

    public RacingSettings withBound(DropBound newBound) {
        return new RacingSettings(k, scoreThreshold, schedule, delta, newBound);
    }
}
