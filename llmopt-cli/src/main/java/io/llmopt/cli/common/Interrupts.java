package io.llmopt.cli.common;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a run: the first press asks the run to stop at its next safe point (everything
 * recorded so far stays and the run can be resumed); a second press stops at once. The store stays
 * consistent either way, because every unit of work is one SQLite transaction.
 *
 * <p>A plain {@code kill} (SIGTERM) is treated like the first Ctrl-C, through a shutdown hook that
 * waits a grace period for the safe point.
 */
public final class Interrupts implements AutoCloseable {

    private static final long GRACE_SECONDS = 30;

    private final Runnable requestStop;
    private final String resumeHint;
    private final PrintStream err;
    private final AtomicInteger presses = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private SignalHandler previous;

    /**
     * @param requestStop what asks the run to stop at its next safe point
     * @param resumeHint  the command that resumes the run, shown to the user
     */
    public Interrupts(Runnable requestStop, String resumeHint, PrintStream err) {
        this.requestStop = requestStop;
        this.resumeHint = resumeHint;
        this.err = err;
        try {
            previous = Signal.handle(new Signal("INT"), sig -> onInterrupt());
        } catch (IllegalArgumentException unsupported) {
            previous = null; // no SIGINT on this platform: the shutdown hook still covers termination
        }
        hook = new Thread(() -> {
            requestStop.run();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "llmopt-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void onInterrupt() {
        if (presses.incrementAndGet() == 1) {
            err.println();
            err.println("llmopt: stopping at the next safe point (Ctrl-C again to stop at once); resume with: " + resumeHint);
            requestStop.run();
        } else {
            err.println();
            err.println("llmopt: stopped; resume with: " + resumeHint);
            err.flush();
            // halt, not exit: the shutdown hook would wait for the safe point the user just declined
            Runtime.getRuntime().halt(130);
        }
    }

    /** True once the user pressed Ctrl-C. */
    public boolean interrupted() {
        return presses.get() > 0;
    }

    @Override
    public void close() {
        finished.countDown();
        if (previous != null) {
            Signal.handle(new Signal("INT"), previous);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and was just released
        }
    }
}
