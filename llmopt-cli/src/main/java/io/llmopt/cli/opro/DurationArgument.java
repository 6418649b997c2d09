package io.llmopt.cli.opro;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them on a command line: 500ms, 30s, 5m, 1h, or plain seconds. */
final class DurationArgument {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private DurationArgument() {
    }

    static Duration parse(String text, String option) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + ": expected a duration like 500ms, 30s, 5m or 1h, got '" + text + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long millis = Math.round(amount * switch (unit) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1_000;
        });
        if (millis <= 0) {
            throw new IllegalArgumentException(option + ": must be positive, got '" + text + "'");
        }
        return Duration.ofMillis(millis);
    }
}
