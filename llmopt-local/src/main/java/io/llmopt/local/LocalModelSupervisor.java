package io.llmopt.local;

import io.llmopt.core.http.NSupport;
import io.llmopt.core.http.OpenAiCompatibleModel;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the local model server as a supervised child JVM on loopback.
 *
 * <p>The engine is native code: an abort inside it would kill the JVM that hosts it. So it runs
 * in a child process, and a long run survives a crash: the child is restarted on the same port
 * (calls in the gap fail as connection errors, which the retry layer absorbs). The child is
 * stopped by {@link #close()}, by a JVM shutdown hook, and, should this JVM die hard, by itself
 * when its standard input reaches end-of-file.
 *
 * <pre>{@code
 * Path gguf = LocalModelResolver.standard(progress).resolve("qwen2.5-1.5b-instruct");
 * LocalModelSupervisor supervisor = LocalModelSupervisor.start(SupervisorOptions.builder(gguf, "qwen2.5-1.5b-instruct").build());
 * LanguageModel scorer = supervisor.languageModel(); // closing it stops the child
 * }</pre>
 */
public final class LocalModelSupervisor implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final SupervisorOptions options;
    private final int port;
    private final Path nativeDir;
    private final ServerHealth health = new ServerHealth();
    private final AtomicInteger restarts = new AtomicInteger();
    private final Thread shutdownHook;
    private volatile Process child;
    private volatile boolean closed;
    private volatile boolean gaveUp;

    private LocalModelSupervisor(SupervisorOptions options, int port, Path nativeDir) {
        this.options = options;
        this.port = port;
        this.nativeDir = nativeDir;
        this.shutdownHook = new Thread(this::stopChild, "llmopt-local-model-shutdown");
    }

    /** Starts the child and waits until it answers; throws {@link LocalModelException} with its log when it does not. */
    public static LocalModelSupervisor start(SupervisorOptions options) {
        Objects.requireNonNull(options, "options");
        Path nativeDir;
        try {
            nativeDir = Files.createTempDirectory("llmopt-llama-native-");
        } catch (IOException e) {
            throw new LocalModelException("could not create a folder for the native library: " + e.getMessage(), e);
        }
        LocalModelSupervisor supervisor = new LocalModelSupervisor(options, freeLoopbackPort(), nativeDir);
        Runtime.getRuntime().addShutdownHook(supervisor.shutdownHook);
        try {
            supervisor.launchAndAwait();
        } catch (RuntimeException e) {
            supervisor.close();
            throw e;
        }
        return supervisor;
    }

    /** The OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    public int port() {
        return port;
    }

    /** How many times the child was restarted after dying. */
    public int restarts() {
        return restarts.get();
    }

    /** The current child's process id (it changes on restart). */
    public long pid() {
        return child.pid();
    }

    /** True while a child runs and the supervisor has neither been closed nor given up. */
    public boolean isRunning() {
        Process p = child;
        return !closed && !gaveUp && p != null && p.isAlive();
    }

    /**
     * A model reached through {@link OpenAiCompatibleModel} like any other endpoint. Closing it
     * also stops the child, so a run that owns the model stops the server with it.
     */
    public LanguageModel languageModel() {
        OpenAiCompatibleModel http = OpenAiCompatibleModel.builder(baseUrl(), options.modelName())
                .provider("local")
                .nSupport(NSupport.ALWAYS_N)
                // CPU generation of a long answer at a few tokens a second takes minutes, not seconds
                .requestTimeout(Duration.ofMinutes(10))
                .build();
        return new ForwardingLanguageModel(http) {
            @Override
            public void close() {
                try {
                    super.close();
                } finally {
                    LocalModelSupervisor.this.close();
                }
            }
        };
    }

    private void launchAndAwait() {
        Process process = launch();
        child = process;
        Instant deadline = Instant.now().plus(options.startupTimeout());
        while (!health.healthy(baseUrl())) {
            if (!process.isAlive()) {
                throw new LocalModelException("the local model server exited with status " + process.exitValue()
                        + " while starting" + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new LocalModelException("the local model server did not answer within " + options.startupTimeout()
                        + logTail());
            }
            sleep(POLL);
        }
        process.onExit().thenRun(() -> onChildExit(process));
    }

    private Process launch() {
        List<String> command = options.command(port, nativeDir);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(options.logFile().toFile()));
        // stdin stays a pipe that this JVM holds open: its end-of-file tells the child we are gone
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LocalModelException("could not start " + options.javaExecutable() + ": " + e.getMessage(), e);
        }
    }

    private void onChildExit(Process exited) {
        if (closed || exited != child) {
            return;
        }
        Thread.ofPlatform().daemon().name("llmopt-local-model-restart").start(this::restartLoop);
    }

    private synchronized void restartLoop() {
        while (!closed) {
            if (restarts.get() >= options.maxRestarts()) {
                gaveUp = true;
                return;
            }
            restarts.incrementAndGet();
            try {
                launchAndAwait();
                return;
            } catch (LocalModelException e) {
                // the next attempt, or giving up, follows; the log holds the child's reason
            }
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(options.logFile(), StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return tail.isEmpty() ? " (no output; log " + options.logFile() + ")"
                    : "; its last output (" + options.logFile() + "):\n  " + String.join("\n  ", tail);
        } catch (IOException | UncheckedIOException e) {
            return " (log " + options.logFile() + " unreadable)";
        }
    }

    /** Stops the child: closes its stdin, asks it to terminate, and kills it after a grace period. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopChild();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    private void stopChild() {
        closed = true;
        Process p = child;
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the child may already be gone; terminating it below is what matters
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalModelException("no free port on loopback for the local model server: " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModelException("interrupted while waiting for the local model server", e);
        }
    }
}
