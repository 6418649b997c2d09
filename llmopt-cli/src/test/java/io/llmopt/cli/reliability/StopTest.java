package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop stops whatever the endpoint does: against a server that accepts connections and never
 * answers, and against one that is down (outage wait), one Ctrl-C ends the run within 2 s as
 * interrupted with exit 130; two Ctrl-C exit at once and leave the run interrupted, not running;
 * the run resumes afterwards.
 */
@ExtendWith(SimulatedLlmExtension.class)
@Timeout(180)
class StopTest {

    @TempDir
    Path dir;

    private List<String> command(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        List<String> command = new ArrayList<>(Worlds.oproPrompt(Worlds.sums(dir)));
        command.addAll(Worlds.common(sim, dir, "read-write"));
        return command;
    }

    /** The stop the dashboard sends through the store reaches ActiveRun.requestStop, as the SIGINT handler does. */
    @Test
    void aStopRequestEndsARunWaitingOnASilentEndpointWithin2Seconds(SimulatedLlmServer sim) throws Exception {
        List<String> command = command(sim);
        sim.inject(FaultRule.always(Fault.TIMEOUT));
        CompletableFuture<CliRunner.Result> running = CompletableFuture.supplyAsync(() -> CliRunner.run(command.toArray(String[]::new)));
        String id = awaitRunning(running);
        Thread.sleep(500); // calls are in flight, unanswered
        long t0 = System.nanoTime();
        try (RunStore s = RunStore.open(dir.resolve("runs.db"))) {
            s.requestStop(id, "test");
        }
        CliRunner.Result result = running.get(30, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(130);
        assertThat(millis).as("stopped within 2 s (plus the 1 s store poll of a stop from another process)").isLessThan(3_000);
        assertThat(ChildCli.run(dir.resolve("runs.db"), id).status()).isEqualTo(RunStatus.INTERRUPTED);
        System.out.printf("stop request, silent endpoint: exit %d after %d ms, status %s, stderr %d line(s)%n",
                result.exitCode(), millis, RunStatus.INTERRUPTED.wireName(), result.err().strip().lines().count());
        resumeCompletes(sim, command, id);
    }

    @Test
    void ctrlCEndsARunWaitingOnASilentEndpointWithin2Seconds(SimulatedLlmServer sim) throws Exception {
        signalled(sim, Fault.TIMEOUT, 1, "silent endpoint");
    }

    @Test
    void ctrlCDuringAnOutageWaitExits130(SimulatedLlmServer sim) throws Exception {
        signalled(sim, Fault.SERVER_ERROR, 1, "outage wait");
    }

    @Test
    void aSecondCtrlCExitsAtOnceAndLeavesTheRunInterruptedAndResumable(SimulatedLlmServer sim) throws Exception {
        signalled(sim, Fault.TIMEOUT, 2, "two Ctrl-C");
    }

    private void signalled(SimulatedLlmServer sim, Fault fault, int presses, String what) throws Exception {
        List<String> command = command(sim);
        sim.inject(FaultRule.always(fault));
        Path err = dir.resolve("child.err");
        Process child = ChildCli.start(dir, err, command);
        try {
            RunRecord run = ChildCli.awaitRunning(dir.resolve("runs.db"), child, err);
            Thread.sleep(fault == Fault.SERVER_ERROR ? 2_000 : 500); // in flight, or past the retries into the outage wait
            long t0 = System.nanoTime();
            for (int i = 0; i < presses; i++) {
                ChildCli.interrupt(child);
                Thread.sleep(20);
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String stderr = Files.readString(err);
            assertThat(child.exitValue()).as(stderr).isEqualTo(130);
            assertThat(millis).as(stderr).isLessThan(2_000 + 1_000); // + the JVM's own exit
            assertThat(ChildCli.run(dir.resolve("runs.db"), run.id()).status()).isEqualTo(RunStatus.INTERRUPTED);
            try (RunStore s = RunStore.open(dir.resolve("runs.db"))) {
                assertThat(s.integrityCheck().ok()).isTrue();
            }
            System.out.printf("Ctrl-C x%d, %s: exit %d after %d ms, status %s, stderr %d line(s)%n", presses, what,
                    child.exitValue(), millis, RunStatus.INTERRUPTED.wireName(), stderr.strip().lines().count());
            System.out.println(stderr.strip().indent(4));
            resumeCompletes(sim, command, run.id());
        } finally {
            child.destroyForcibly();
        }
    }

    private void resumeCompletes(SimulatedLlmServer sim, List<String> command, String id) {
        sim.clearFaults();
        List<String> resume = new ArrayList<>(command);
        resume.addAll(List.of("--resume", id));
        CliRunner.Result resumed = CliRunner.run(resume.toArray(String[]::new));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(ChildCli.run(dir.resolve("runs.db"), id).status()).isEqualTo(RunStatus.COMPLETED);
    }

    private String awaitRunning(CompletableFuture<CliRunner.Result> running) throws Exception {
        Path store = dir.resolve("runs.db");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (running.isDone()) {
                throw new AssertionError("the run ended: " + running.join().err());
            }
            if (Files.exists(store)) {
                try (RunStore s = RunStore.open(store)) {
                    var run = s.runs().stream().filter(r -> r.status() == RunStatus.RUNNING).findFirst();
                    if (run.isPresent()) {
                        return run.get().id();
                    }
                } catch (RuntimeException busy) {
                    // being created
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no running run");
    }
}
