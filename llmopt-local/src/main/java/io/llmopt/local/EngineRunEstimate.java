package io.llmopt.local;

import java.time.Duration;
import java.util.Locale;

/**
 * How long a run would take on the embedded engine: the tokens a dry run counted for the roles the
 * engine plays, at the speed measured on this machine.
 *
 * @param promptTokens     prompt tokens of those roles' calls
 * @param completionTokens completion tokens of those roles' calls
 * @param speed            the engine's measured speed
 */
public record EngineRunEstimate(long promptTokens, long completionTokens, EngineSpeed speed) {

    /** Past this, a run is worth a second thought before it starts. */
    public static final Duration LONG_RUN = Duration.ofHours(1);

    public Duration time() {
        return speed.timeFor(promptTokens, completionTokens);
    }

    public boolean isLong() {
        return time().compareTo(LONG_RUN) > 0;
    }

    /** One line: the estimate and what it comes from. */
    public String describe() {
        return String.format(Locale.ROOT, "on the embedded engine this run takes about %s: %,d prompt tokens at %.0f/s"
                        + " and %,d generated at %.1f/s (measured on this machine)",
                human(time()), promptTokens, speed.promptTokensPerSecond(), completionTokens,
                speed.completionTokensPerSecond());
    }

    /** "3 h 20 min", "12 min", "40 s". */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? (s / 60) + " min" : s + " s";
    }
}
