package io.llmopt.cli.progress;

import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Progress on an interactive terminal: one live line for the phase being worked on, redrawn in place
 * and laid out for the terminal's width ({@link BarLayout}), and one permanent line per finished step.
 * A ticker keeps the line moving when no progress arrives (a slow call, or a stop finishing its step),
 * so a quiet run never looks frozen.
 */
public final class TerminalProgress implements RunListener, AutoCloseable {

    private static final String RUN_FINISHED = "run.finished";
    private static final String STEP_FINISHED = "step.finished";
    /** Return to the line's start and erase it. */
    private static final String CLEAR = "\r\033[K";
    private static final String SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private final PrintStream out;
    private final boolean verbose;
    private final IntSupplier columns;
    private final LongSupplier clock;
    private final long minRedrawNanos;
    private final ScheduledExecutorService ticker;

    /** The live phase's latest snapshot; null when no line is live. */
    private Progress live;
    private long liveAt;
    private PhaseRate rate;
    private boolean lineShown;
    private long lastDraw;
    private int frame;
    private boolean stopping;
    private long stoppingSince;
    private final BatchJobs batches = new BatchJobs();

    public TerminalProgress(PrintStream out, boolean verbose) {
        this(out, verbose, new TerminalWidth(System.getenv()), System::nanoTime, Duration.ofMillis(100), true);
    }

    /**
     * @param columns   the terminal's width, asked at every redraw
     * @param clock     nanoseconds, for rates and redraw pacing
     * @param minRedraw the least time between two redraws of the same phase
     * @param tick      whether a background ticker redraws a quiet line
     */
    TerminalProgress(PrintStream out, boolean verbose, IntSupplier columns, LongSupplier clock, Duration minRedraw,
            boolean tick) {
        this.out = out;
        this.verbose = verbose;
        this.columns = columns;
        this.clock = clock;
        this.minRedrawNanos = minRedraw.toNanos();
        if (tick) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                    .name("llmopt-progress").unstarted(r));
            ticker.scheduleAtFixedRate(this::tick, 250, 250, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public synchronized void onProgress(Progress p) {
        long now = clock.getAsLong();
        boolean newPhase = live == null || !live.phase().equals(p.phase()) || live.step() != p.step();
        if (rate == null || !rate.continues(p.phase(), p.unitsDone())) {
            rate = new PhaseRate(p.phase(), now, p.unitsDone());
        } else {
            rate.update(p.unitsDone());
        }
        live = p;
        liveAt = now;
        if (newPhase || now - lastDraw >= minRedrawNanos) {
            draw(now);
        }
    }

    @Override
    public synchronized void onEvent(RunEvent e) {
        if (RUN_FINISHED.equals(e.type())) {
            // the command prints its results next: the line must not be redrawn under them
            clearLine();
            live = null;
            rate = null;
            stopping = false;
            if (e.level().compareTo(RunEvent.Level.WARN) >= 0 || verbose) {
                out.println(e.level() + " " + e.message());
            }
            return;
        }
        if (BatchJobs.isBatch(e)) {
            // a job's submission and end are lines of their own; its counts move the live line
            if (batches.take(e)) {
                clearLine();
                out.println(BarLayout.fit((BatchJobs.ENDED.equals(e.type()) ? "✓ " : "⧗ ") + e.message(), room()));
            }
        } else if (STEP_FINISHED.equals(e.type())) {
            clearLine();
            out.println(BarLayout.fit("✓ " + e.message() + stepTotals(), room()));
        } else if (e.level().compareTo(RunEvent.Level.WARN) >= 0 || verbose) {
            clearLine();
            out.println(e.level() + " " + e.message());
        } else {
            return;
        }
        if (live != null) {
            draw(clock.getAsLong());
        }
    }

    /** Ctrl-C was pressed: the line says the run is finishing its unit of work, and keeps moving. */
    public synchronized void stopping() {
        if (!stopping) {
            stopping = true;
            stoppingSince = clock.getAsLong();
        }
        if (live != null) {
            draw(clock.getAsLong());
        }
    }

    /** Redraws a live line that no progress moved for a while. */
    synchronized void tick() {
        long now = clock.getAsLong();
        if (live != null && now - lastDraw >= TimeUnit.MILLISECONDS.toNanos(250)) {
            draw(now);
        }
    }

    private String stepTotals() {
        if (live == null) {
            return "";
        }
        return " · " + cost(live.cost()) + " · " + StatusLine.duration(live.elapsed());
    }

    private void draw(long now) {
        Progress p = live;
        String label = SPINNER.charAt(frame++ % SPINNER.length()) + " " + (stopping ? "stopping: " : "") + p.phase()
                + (p.totalSteps() > 0 && p.step() > 0 ? " " + p.step() + "/" + p.totalSteps() : "");
        double fraction = p.unitsTotal() > 0 ? p.unitsDone() / (double) p.unitsTotal()
                : p.totalSteps() > 0 ? p.step() / (double) p.totalSteps() : Double.NaN;
        List<String> fields = new ArrayList<>();
        int keep = 0;
        if (p.unitsTotal() > 0) {
            fields.add(p.unitsDone() + "/" + p.unitsTotal());
            keep++;
        } else if (p.unitsDone() > 0) {
            fields.add(StatusLine.count(p.unitsDone()) + " done");
            keep++;
        }
        fields.add(cost(p.cost()));
        keep++;
        if (stopping) {
            // how long the stop has waited for the unit of work in flight: the line visibly moves
            fields.add("waiting " + StatusLine.duration(Duration.ofNanos(now - stoppingSince)));
            keep++;
        }
        // a live batch job says how far the provider is; the wait for it is most of a batched phase
        String batch = batches.liveField();
        if (batch != null) {
            fields.add(batch);
        }
        String saved = batches.savedField();
        if (saved != null) {
            fields.add(saved);
        }
        Duration eta = p.unitsTotal() > 0 ? rate.eta(p.unitsTotal(), now) : null;
        if (eta == null) {
            eta = p.eta();
        }
        if (eta != null && !stopping) {
            fields.add("ETA " + StatusLine.duration(eta));
        }
        if (p.bestScore().isPresent()) {
            fields.add(String.format(Locale.ROOT, "best %.3f", p.bestScore().getAsDouble()));
        }
        double perSecond = rate.perSecond(now);
        if (!Double.isNaN(perSecond)) {
            fields.add(PhaseRate.format(perSecond));
        }
        fields.add(StatusLine.count(p.calls()) + " calls");
        fields.add(StatusLine.count(p.tokens()) + " tok");
        if (p.retriedErrors() > 0) {
            fields.add(StatusLine.count(p.retriedErrors()) + " retried");
        }
        if (p.cacheHits() > 0) {
            fields.add(StatusLine.count(p.cacheHits()) + " cached");
        }
        fields.add(StatusLine.duration(p.elapsed().plusNanos(now - liveAt)));
        out.print(CLEAR + BarLayout.line(label, fraction, fields, keep, columns.getAsInt()));
        out.flush();
        lineShown = true;
        lastDraw = now;
    }

    private int room() {
        return Math.max(columns.getAsInt() - 1, 1);
    }

    private static String cost(double cost) {
        return String.format(Locale.ROOT, "$%.4f", cost);
    }

    private void clearLine() {
        if (lineShown) {
            out.print(CLEAR);
            out.flush();
            lineShown = false;
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clearLine();
        live = null;
    }
}
