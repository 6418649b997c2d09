package io.llmopt.cli.reliability;

import io.llmopt.cli.Main;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code llmopt} in a child JVM with the test's class path: a second process, killable and signallable. */
final class ChildCli {

    private ChildCli() {
    }

    /** Starts the command; stderr goes to {@code err}, stdout is dropped. */
    static Process start(Path home, Path err, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED", "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    static void interrupt(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -INT " + p.pid() + " failed");
        }
    }

    /** Waits until the store holds a run in {@code running} state, and returns it. */
    static RunRecord awaitRunning(Path store, Process child, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the child exited with " + child.exitValue() + ": " + Files.readString(err));
            }
            if (Files.exists(store)) {
                try (RunStore s = RunStore.open(store)) {
                    Optional<RunRecord> run = s.runs().stream().filter(r -> r.status() == RunStatus.RUNNING).findFirst();
                    if (run.isPresent() && s.lease(run.get().id()).isPresent()) {
                        return run.get();
                    }
                } catch (RuntimeException busy) {
                    // the child is creating the file
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no running run after 60 s: " + Files.readString(err));
    }

    static RunRecord run(Path store, String id) {
        try (RunStore s = RunStore.open(store)) {
            return s.run(id).orElseThrow();
        }
    }
}
