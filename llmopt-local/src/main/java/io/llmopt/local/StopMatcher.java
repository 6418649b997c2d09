package io.llmopt.local;

import java.util.List;

/**
 * Accumulates streamed text and finds the first stop string in it, including one that spans
 * pieces. Stop strings are matched here rather than natively so that the engine knows a stop
 * string ended the completion, which the bindings do not report.
 */
final class StopMatcher {

    private final List<String> stops;
    private final int longest;
    private final StringBuilder text = new StringBuilder();
    private int cut = -1;

    StopMatcher(List<String> stops) {
        this.stops = List.copyOf(stops);
        this.longest = stops.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Appends a piece; returns true when the text now contains a stop string. */
    boolean append(String piece) {
        if (cut >= 0) {
            return true;
        }
        int from = Math.max(0, text.length() - longest + 1);
        text.append(piece);
        for (String stop : stops) {
            int at = text.indexOf(stop, from);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        return cut >= 0;
    }

    boolean stopped() {
        return cut >= 0;
    }

    /** The text so far, ending before the first stop string when one was found. */
    String text() {
        return cut >= 0 ? text.substring(0, cut) : text.toString();
    }
}
