package io.llmopt.cli.common;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during a run: the first press stops the run (its calls in flight are cancelled, so it
 * reaches its safe point within moments whatever the endpoint does; everything recorded so far
 * stays and the run can be resumed); a second press records the run as interrupted, waiting at most
 * {@link #HALT_WAIT_MILLIS} for the store, and exits at once. The store stays consistent either
 * way, because every unit of work is one SQLite transaction.
 *
 * <p>A plain {@code kill} (SIGTERM) is treated like the first Ctrl-C, through a shutdown hook that
 * waits a grace period for the safe point.
 */
public final class Interrupts implements AutoCloseable {

    private static final long GRACE_SECONDS = 30;

    /** How long a second Ctrl-C waits for the store to record the run as interrupted before exiting. */
    static final long HALT_WAIT_MILLIS = 1000;

    private final Runnable requestStop;
    private final Runnable recordInterrupted;
    private final String resumeHint;
    private final PrintStream err;
    private final AtomicInteger presses = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private SignalHandler previous;

    /**
     * @param requestStop       what asks the run to stop at its next safe point
     * @param recordInterrupted what records the run as interrupted before a second Ctrl-C exits
     * @param resumeHint        the command that resumes the run, shown to the user
     */
    public Interrupts(Runnable requestStop, Runnable recordInterrupted, String resumeHint, PrintStream err) {
        this.requestStop = requestStop;
        this.recordInterrupted = recordInterrupted;
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

    /** What SIGINT does; public so tests take the same path without a signal. */
    public void onInterrupt() {
        if (presses.incrementAndGet() == 1) {
            err.println();
            err.println("llmopt: stopping (Ctrl-C again to exit at once); resume with: " + resumeHint);
            requestStop.run();
        } else {
            Thread record = Thread.ofPlatform().daemon(true).name("llmopt-record-interrupted").start(() -> {
                try {
                    recordInterrupted.run();
                } catch (RuntimeException e) {
                    // the store cannot be written: resume still works from what was committed
                }
            });
            try {
                record.join(HALT_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
