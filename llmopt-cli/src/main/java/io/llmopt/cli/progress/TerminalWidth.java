package io.llmopt.cli.progress;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The width of the user's terminal in columns: {@code COLUMNS} when the shell exported it, else what
 * {@code stty size} says of the controlling terminal, else 80. Asked again every few seconds, so a
 * resized window is followed without a process per redraw.
 */
final class TerminalWidth implements IntSupplier {

    static final int FALLBACK = 80;
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Map<String, String> env;
    private int columns;
    private long checkedAt;
    private boolean checked;

    TerminalWidth(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public synchronized int getAsInt() {
        long now = System.nanoTime();
        if (!checked || now - checkedAt >= RECHECK_NANOS) {
            columns = detect();
            checkedAt = now;
            checked = true;
        }
        return columns;
    }

    private int detect() {
        int fromEnv = parse(env.get("COLUMNS"));
        if (fromEnv > 0) {
            return fromEnv;
        }
        int fromStty = stty();
        return fromStty > 0 ? fromStty : FALLBACK;
    }

    /** "rows cols" from stty on the controlling terminal; 0 when there is none (Windows, no tty). */
    private static int stty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return 0;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return 0;
            }
            String[] parts = out.split("\\s+");
            return parts.length == 2 ? parse(parts[1]) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static int parse(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(s.trim());
            return n >= 20 && n <= 1000 ? n : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
