package io.llmopt.core.outage;

import java.time.Duration;

/** Durations as people read them in a progress line: "45 s", "3 min", "1 h 30 min". */
final class Durations {

    private Durations() {
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 120) {
            return min + " min";
        }
        long rest = min % 60;
        return min / 60 + " h" + (rest == 0 ? "" : " " + rest + " min");
    }
}
