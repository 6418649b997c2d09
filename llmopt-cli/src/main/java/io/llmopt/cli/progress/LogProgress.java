package io.llmopt.cli.progress;

import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress as plain periodic lines, for CI logs and nohup files where a redrawn bar would be noise:
 * the first update at once, then at most one line per interval however fast steps go (10,000 quick
 * steps must not write 10,000 lines). Warnings are events and always shown.
 */
public final class LogProgress implements RunListener {

    private final PrintStream out;
    private final long intervalNanos;
    private final boolean verbose;
    /** What a line names instead of the run id, or null for the id. */
    private final String tag;
    private long lastPrint;
    private boolean printed;

    public LogProgress(PrintStream out, Duration interval, boolean verbose) {
        this(out, interval, verbose, null);
    }

    public LogProgress(PrintStream out, Duration interval, boolean verbose, String tag) {
        this.tag = tag;
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.verbose = verbose;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        long now = System.nanoTime();
        if (!printed || now - lastPrint >= intervalNanos) {
            out.println(StatusLine.logLine(p, tag));
            lastPrint = now;
            printed = true;
        }
    }

    @Override
    public synchronized void onEvent(RunEvent e) {
        // a batch job's submission and end are always said (a run may wait hours for one); its counts only with -v
        boolean batchLine = BatchJobs.isBatch(e) && !BatchJobs.PROGRESS.equals(e.type());
        if (batchLine || e.level().compareTo(RunEvent.Level.WARN) >= 0 || (verbose && e.level() == RunEvent.Level.INFO)) {
            out.println("[" + (tag != null ? tag : e.runId()) + "] " + e.level() + " " + e.message());
        }
    }
}
