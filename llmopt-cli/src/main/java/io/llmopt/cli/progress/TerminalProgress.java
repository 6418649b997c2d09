package io.llmopt.cli.progress;

import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live progress bar per phase (with its own ETA) and the run's status line as the bar's message.
 */
public final class TerminalProgress implements RunListener, AutoCloseable {

    private static final String RUN_FINISHED = "run.finished";

    private final PrintStream out;
    private final boolean verbose;
    private ProgressBar bar;
    private String barKey = "";

    public TerminalProgress(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        String key = p.phase() + "#" + p.step();
        if (bar == null || !key.equals(barKey)) {
            closeBar();
            String task = p.totalSteps() > 0 ? p.phase() + " " + p.step() + "/" + p.totalSteps() : p.phase();
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(Math.max(p.unitsTotal(), 1))
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(200)
                    .showSpeed()
                    .build();
            barKey = key;
        }
        if (p.unitsTotal() > 0) {
            bar.maxHint(p.unitsTotal());
        }
        bar.stepTo(p.unitsDone());
        bar.setExtraMessage(" │ " + StatusLine.of(p));
    }

    @Override
    public synchronized void onEvent(RunEvent e) {
        if (RUN_FINISHED.equals(e.type())) {
            // the command prints its results next: the bar must not be redrawn under them
            closeBar();
        }
        if (e.level().compareTo(RunEvent.Level.WARN) >= 0 || verbose) {
            closeBar();
            out.println(e.level() + " " + e.message());
        }
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
            barKey = "";
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }
}
