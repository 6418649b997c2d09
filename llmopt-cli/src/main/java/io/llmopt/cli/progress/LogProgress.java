package io.llmopt.cli.progress;

import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress as plain periodic lines, for CI logs and nohup files where a redrawn bar would be noise.
 * Step changes are always printed; in-phase progress at most once per interval.
 */
public final class LogProgress implements RunListener {

    private final PrintStream out;
    private final long intervalNanos;
    private final boolean verbose;
    private long lastPrint;
    private int lastStep = -1;
    private String lastPhase = "";

    public LogProgress(PrintStream out, Duration interval, boolean verbose) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.verbose = verbose;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        long now = System.nanoTime();
        boolean changed = p.step() != lastStep || !p.phase().equals(lastPhase);
        if (changed || now - lastPrint >= intervalNanos) {
            out.println(StatusLine.logLine(p));
            lastPrint = now;
            lastStep = p.step();
            lastPhase = p.phase();
        }
    }

    @Override
    public synchronized void onEvent(RunEvent e) {
        if (e.level().compareTo(RunEvent.Level.WARN) >= 0 || (verbose && e.level() == RunEvent.Level.INFO)) {
            out.println("[" + e.runId() + "] " + e.level() + " " + e.message());
        }
    }
}
