package io.llmopt.cli.opro;

import io.llmopt.core.runtime.ActiveRun;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C into a stop request: the loop finishes the step it is in, the step is recorded,
 * and the run is marked interrupted, so it can be resumed. The JVM waits for that, up to a grace
 * period, before exiting.
 */
final class InterruptGuard implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    InterruptGuard(ActiveRun run) {
        this.hook = new Thread(() -> {
            run.requestStop();
            try {
                finished.await(GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "llmopt-stop-" + run.id());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it has just been released by the count-down.
        }
    }
}
