package io.llmopt.cli.progress;

import java.time.Duration;
import java.util.Locale;

/**
 * The pace of one phase, measured by the display itself: units done since the phase was first seen
 * over the time since, so a resumed phase (which starts with units already done) does not look fast.
 */
final class PhaseRate {

    private final String phase;
    private final long startNanos;
    private final long startUnits;
    private long lastUnits;

    PhaseRate(String phase, long nowNanos, long units) {
        this.phase = phase;
        this.startNanos = nowNanos;
        this.startUnits = units;
        this.lastUnits = units;
    }

    /** True while {@code phase} with {@code units} done continues this phase (a count going back starts anew). */
    boolean continues(String phase, long units) {
        return this.phase.equals(phase) && units >= lastUnits;
    }

    void update(long units) {
        lastUnits = units;
    }

    /** Units per second, or NaN before anything moved. */
    double perSecond(long nowNanos) {
        long done = lastUnits - startUnits;
        double seconds = (nowNanos - startNanos) / 1e9;
        return done > 0 && seconds > 0 ? done / seconds : Double.NaN;
    }

    /** Time left for {@code total} units at the measured pace, or null when there is no pace yet. */
    Duration eta(long total, long nowNanos) {
        double rate = perSecond(nowNanos);
        if (Double.isNaN(rate) || total <= 0) {
            return null;
        }
        // whole seconds rounded up: work left never reads "ETA 0s"
        return Duration.ofSeconds((long) Math.ceil(Math.max(0, total - lastUnits) / rate));
    }

    /** A rate as a person reads it: "12/s", "3.4/s", "6.0/min". */
    static String format(double perSecond) {
        if (perSecond >= 10) {
            return String.format(Locale.ROOT, "%.0f/s", perSecond);
        }
        if (perSecond >= 0.1) {
            return String.format(Locale.ROOT, "%.1f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.1f/min", perSecond * 60);
    }
}
