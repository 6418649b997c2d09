package io.llmopt.cli.progress;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays a progress line out for a terminal's width: the label, a bar, then fields in a fixed order of
 * importance. Fields are dropped from the least important end until the bar gets a readable width; if
 * even the fields that must stay leave no room, the bar goes; the line never reaches the last column
 * (a terminal wraps there, and a wrapped line can no longer be redrawn in place).
 */
final class BarLayout {

    static final int BAR_MIN = 10;
    static final int BAR_MAX = 30;
    private static final String SEP = " · ";

    private BarLayout() {
    }

    /**
     * @param label    what is being done, always shown (cut if the terminal is very narrow)
     * @param fraction done / total in [0, 1], or NaN when the total is unknown (no bar then)
     * @param fields   the figures, most important first
     * @param keep     how many of the first fields are kept even at the bar's expense
     * @param columns  the terminal's width
     */
    static String line(String label, double fraction, List<String> fields, int keep, int columns) {
        int room = Math.max(columns - 1, 1);
        List<String> shown = new ArrayList<>(fields);
        boolean bar = !Double.isNaN(fraction);
        while (bar && shown.size() > keep && length(label, shown, BAR_MIN) > room) {
            shown.remove(shown.size() - 1);
        }
        if (bar && length(label, shown, BAR_MIN) > room) {
            bar = false;
        }
        while (!shown.isEmpty() && length(label, shown, -1) > room) {
            shown.remove(shown.size() - 1);
        }
        StringBuilder sb = new StringBuilder(label);
        if (bar) {
            int width = Math.min(BAR_MAX, room - length(label, shown, 0));
            sb.append(' ').append(bar(fraction, width));
        }
        for (int i = 0; i < shown.size(); i++) {
            sb.append(i == 0 ? " " : SEP).append(shown.get(i));
        }
        return fit(sb.toString(), room);
    }

    /** Cuts a line to {@code room} columns, marking the cut. */
    static String fit(String s, int room) {
        if (s.length() <= room) {
            return s;
        }
        return room <= 1 ? s.substring(0, room) : s.substring(0, room - 1) + "…";
    }

    static String bar(double fraction, int width) {
        double f = Math.max(0, Math.min(1, fraction));
        int full = (int) Math.floor(f * width);
        return "█".repeat(full) + "░".repeat(width - full);
    }

    /** The line's length with a bar of {@code barWidth} (0: the bar's separator only; -1: no bar). */
    private static int length(String label, List<String> fields, int barWidth) {
        int n = label.length() + (barWidth >= 0 ? 1 + barWidth : 0);
        for (int i = 0; i < fields.size(); i++) {
            n += (i == 0 ? 1 : SEP.length()) + fields.get(i).length();
        }
        return n;
    }
}
