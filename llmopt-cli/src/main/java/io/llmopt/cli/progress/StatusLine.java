package io.llmopt.cli.progress;

import io.llmopt.core.events.Progress;
import java.time.Duration;
import java.util.Locale;

/** Formats the one-line status shown under a progress bar and in plain log lines. */
public final class StatusLine {

    private StatusLine() {
    }

    public static String of(Progress p) {
        StringBuilder sb = new StringBuilder();
        if (p.totalSteps() > 0) {
            sb.append("step ").append(p.step()).append('/').append(p.totalSteps());
        } else if (p.step() > 0) {
            sb.append("step ").append(p.step());
        }
        if (p.bestScore().isPresent()) {
            sep(sb).append("best ").append(String.format(Locale.ROOT, "%.3f", p.bestScore().getAsDouble()));
            if (p.bestFoundAtStep() > 0) {
                sb.append(" (step ").append(p.bestFoundAtStep()).append(')');
            }
        }
        sep(sb).append(count(p.calls())).append(" calls");
        if (p.cacheHits() > 0) {
            sb.append(" (").append(count(p.cacheHits())).append(" cached)");
        }
        sep(sb).append(count(p.tokens())).append(" tok");
        sep(sb).append(String.format(Locale.ROOT, "$%.4f", p.cost()));
        if (p.retriedErrors() > 0) {
            sep(sb).append(count(p.retriedErrors())).append(" retried");
        }
        Duration eta = p.eta();
        if (eta != null) {
            sep(sb).append("ETA ").append(duration(eta));
        }
        return sb.toString();
    }

    /** The plain line printed when the output is not a terminal. */
    public static String logLine(Progress p) {
        return logLine(p, null);
    }

    /** As {@link #logLine(Progress)}, naming {@code tag} (when not null) instead of the run id. */
    public static String logLine(Progress p, String tag) {
        String units = p.unitsTotal() > 0 ? " " + p.unitsDone() + "/" + p.unitsTotal() : "";
        return "[" + (tag != null ? tag : p.runId()) + "] " + p.phase() + units + " | " + of(p);
    }

    private static StringBuilder sep(StringBuilder sb) {
        return sb.isEmpty() ? sb : sb.append(" · ");
    }

    static String count(long n) {
        if (n >= 10_000_000) {
            return (n / 1_000_000) + "M";
        }
        if (n >= 10_000) {
            return (n / 1_000) + "k";
        }
        return Long.toString(n);
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
