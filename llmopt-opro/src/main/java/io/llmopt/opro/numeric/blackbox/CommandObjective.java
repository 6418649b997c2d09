package io.llmopt.opro.numeric.blackbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command per evaluation: the candidate goes to its standard input as one line of JSON,
 * and the last line it prints is the value (a number, or a JSON object with "value").
 *
 * <p>The command is an argument list given to {@link ProcessBuilder}; the candidate is never part
 * of a command line, so text such as {@code ; rm -rf /} or {@code $(...)} in a candidate is just
 * data on stdin. A non-zero exit, unparsable output or the time-out fail the evaluation; on
 * time-out (ours or the caller's) the process and its children are killed.
 */
public final class CommandObjective implements Objective {

    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    private final List<String> command;
    private final Duration timeout;
    private final Path workingDirectory;

    public CommandObjective(List<String> command, Duration timeout, Path workingDirectory) {
        this.command = List.copyOf(command);
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("the command cannot be empty");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.workingDirectory = workingDirectory;
    }

    public CommandObjective(List<String> command, Duration timeout) {
        this(command, timeout, null);
    }

    @Override
    public CompletableFuture<Double> evaluate(Candidate candidate) {
        CompletableFuture<Double> result = new CompletableFuture<>();
        VIRTUAL.execute(() -> run(candidate, result));
        return result;
    }

    private void run(Candidate candidate, CompletableFuture<Double> result) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            result.completeExceptionally(new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e));
            return;
        }
        // If the caller gives up first (its own time-out), do not leave the process running.
        result.whenComplete((v, error) -> {
            if (error != null) {
                kill(process);
            }
        });
        try {
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write((candidate.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // The command may exit without reading its input; its exit status decides.
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                result.completeExceptionally(new TimeoutException("command timed out after " + timeout.toMillis() + " ms"));
                return;
            }
            int exit = process.exitValue();
            if (exit != 0) {
                String tail = stderr.join().strip();
                result.completeExceptionally(new IllegalStateException("command exited with status " + exit
                        + (tail.isEmpty() ? "" : ": " + ObjectiveOutput.abbreviate(tail.lines().reduce((a, b) -> b).orElse("")))));
                return;
            }
            result.complete(ObjectiveOutput.parse(stdout.join()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, VIRTUAL);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
