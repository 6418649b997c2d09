package io.llmopt.opro.racing;

import java.util.Objects;

/**
 * The run-level settings of racing.
 *
 * @param k              how many instructions the meta-prompt shows (the reference's
 *                       {@code max_num_instructions}, 20)
 * @param scoreThreshold the lowest score the meta-prompt shows (the reference's
 *                       {@code old_instruction_score_threshold}); 0 for none
 * @param delta          per candidate, the largest chance of dropping a candidate whose full-split
 *                       accuracy reaches the bar, in (0, 1)
 * @param bound          the statistical test that decides a drop
 * @param looks          where {@link DropBound#HOEFFDING} looks (its union bound pays for every
 *                       look); {@link DropBound#BETTING} is anytime-valid and looks after every
 *                       example whatever this says
 * @param maxInFlight    how many of a step's scorer calls racing keeps in flight at once, shared
 *                       by the candidates still running: set it to the scorer's max concurrency.
 *                       More only queues calls in the model's limiter, and a queued call of a
 *                       candidate that is then dropped is still paid for
 */
public record RacingSettings(int k, double scoreThreshold, double delta, DropBound bound, BatchSchedule looks,
                             int maxInFlight) {

    /** The meta-prompt size of the reference implementation. */
    public static final int DEFAULT_K = 20;
    /**
     * Drop a candidate once the evidence that it falls short of the bar is 2:1. That bound is only
     * reached by candidates tied with the bar, which would enter the meta-prompt at its bottom;
     * in {@code RacingBenchmark} it saves 3.3x to 3.6x of a 200-step run's scorer calls at 0.01 to
     * 0.02 accuracy points of regret, where 0.05 saves 2.0x to 2.3x. See docs/racing.md.
     */
    public static final double DEFAULT_DELTA = 0.5;
    /**
     * For a scorer with no concurrency limit of its own (a model stack built without one): the
     * capacity the benchmarks assume. Runs from a configuration always have a limit
     * ({@code max_concurrency}, 16 by default), and racing takes that.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    public RacingSettings {
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(looks, "looks");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1], got " + scoreThreshold);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1, got " + maxInFlight);
        }
    }

    /** k = 20, no threshold, delta {@value #DEFAULT_DELTA}, betting, 64 calls in flight. */
    public static RacingSettings defaults() {
        return new RacingSettings(DEFAULT_K, 0, DEFAULT_DELTA, DropBound.BETTING, BatchSchedule.DEFAULT,
                DEFAULT_MAX_IN_FLIGHT);
    }

    public RacingSettings withK(int newK) {
        return new RacingSettings(newK, scoreThreshold, delta, bound, looks, maxInFlight);
    }

    public RacingSettings withScoreThreshold(double threshold) {
        return new RacingSettings(k, threshold, delta, bound, looks, maxInFlight);
    }

    public RacingSettings withDelta(double newDelta) {
        return new RacingSettings(k, scoreThreshold, newDelta, bound, looks, maxInFlight);
    }

    public RacingSettings withBound(DropBound newBound) {
        return new RacingSettings(k, scoreThreshold, delta, newBound, looks, maxInFlight);
    }

    public RacingSettings withLooks(BatchSchedule newLooks) {
        return new RacingSettings(k, scoreThreshold, delta, bound, newLooks, maxInFlight);
    }

    public RacingSettings withMaxInFlight(int newMaxInFlight) {
        return new RacingSettings(k, scoreThreshold, delta, bound, looks, newMaxInFlight);
    }
}
