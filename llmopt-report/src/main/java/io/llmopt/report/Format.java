package io.llmopt.report;

import io.llmopt.core.stats.ConfidenceInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, money, times and intervals are written in reports and in the CLI's tables. */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** A fraction as a percentage with one decimal, e.g. "72.5%"; null gives "–". */
    public static String percent(Double fraction) {
        return fraction == null ? "–" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** "72.5% [65.1, 78.9]". */
    public static String percentWithInterval(double fraction, ConfidenceInterval ci) {
        return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", fraction * 100, ci.lower() * 100, ci.upper() * 100);
    }

    /** A plain number: integers as such, others to 4 significant digits; null gives "–". */
    public static String number(Double value) {
        if (value == null) {
            return "–";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", value.longValue());
        }
        // four significant digits, trailing zeros dropped: 12.3, not 12.30
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * Money in US dollars (the price table's currency, as the dashboard and the terminal show it)
     * with four decimals: model calls are often fractions of a cent.
     */
    public static String cost(double cost) {
        return String.format(Locale.ROOT, "$%.4f", cost);
    }

    /**
     * A run's cost, saying which part is an estimate: "0.0123", or "0.0123 (0.0040 of it estimated:
     * 3 call(s) sent whose reply was lost)".
     */
    public static String cost(io.llmopt.core.store.CallTotals totals) {
        if (!totals.hasEstimate()) {
            return cost(totals.cost());
        }
        return cost(totals.cost()) + " (" + cost(totals.unsettledCost()) + " of it estimated: " + totals.unsettled()
                + " call(s) sent whose reply was lost)";
    }

    public static String pValue(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    public static String time(Instant at) {
        return at == null ? "–" : TIME.format(at);
    }

    /** "1h 02m 03s", "4m 05s", "12s"; null when the run has not started. */
    public static String duration(Instant start, Instant end) {
        if (start == null) {
            return "–";
        }
        Duration d = Duration.between(start, end == null ? Instant.now() : end);
        long s = Math.max(0, d.getSeconds());
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
