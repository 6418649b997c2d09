package io.llmopt.local;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a download stream that has received nothing for too long. The HTTP client's time-out
 * covers only the wait for the response headers; without this, a server that stalls mid-body
 * would block the download forever.
 */
final class StallWatchdog implements Closeable {

    private final InputStream stream;
    private final long limitNanos;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile long lastData = System.nanoTime();

    StallWatchdog(InputStream stream, Duration limit) {
        this.stream = stream;
        this.limitNanos = limit.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmopt-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, limit.toMillis() / 4);
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Records that data arrived. */
    void alive() {
        lastData = System.nanoTime();
    }

    /** True when the stream was closed for stalling. */
    boolean fired() {
        return fired.get();
    }

    private void check() {
        if (System.nanoTime() - lastData > limitNanos && fired.compareAndSet(false, true)) {
            try {
                stream.close(); // unblocks the reading thread with an exception or end-of-stream
            } catch (IOException ignored) {
                // closing is best effort: the reader fails either way
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
