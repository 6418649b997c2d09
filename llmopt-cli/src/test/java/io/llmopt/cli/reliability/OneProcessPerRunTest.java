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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real processes want the same run: the second is refused at once with one line naming the
 * first, and pays for nothing; once the first is killed with SIGKILL the run is not locked: the next
 * resume takes it over and completes it.
 */
@ExtendWith(SimulatedLlmExtension.class)
@Timeout(180)
class OneProcessPerRunTest {

    @TempDir
    Path dir;

    /** The request count once the first process has all its calls in flight, unanswered. */
    private static int steady(SimulatedLlmServer sim) throws InterruptedException {
        int last = -1;
        while (sim.requestCount() == 0 || sim.requestCount() != last) {
            last = sim.requestCount();
            Thread.sleep(300);
        }
        return last;
    }

    @Test
    void aSecondProcessIsRefusedWhileTheFirstRunsAndTakesOverAfterAKill(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        AtomicBoolean silent = new AtomicBoolean(true);
        sim.inject(FaultRule.when(r -> silent.get(), Fault.TIMEOUT)); // the first process waits for answers
        List<String> command = new ArrayList<>(Worlds.oproPrompt(Worlds.sums(dir)));
        command.addAll(Worlds.common(sim, dir, "off"));
        Path store = dir.resolve("runs.db");

        Process first = ChildCli.start(dir, dir.resolve("first.err"), command);
        try {
            RunRecord run = ChildCli.awaitRunning(store, first, dir.resolve("first.err"));
            int requestsBefore = steady(sim);
            List<String> resume = new ArrayList<>(command);
            resume.addAll(List.of("--resume", run.id()));

            long t0 = System.nanoTime();
            CliRunner.Result second = CliRunner.run(resume.toArray(String[]::new));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(second.exitCode()).as(second.err()).isEqualTo(2);
            assertThat(second.err().strip().lines()).hasSize(1);
            assertThat(second.err()).startsWith("llmopt: run " + run.id() + " is being run by pid " + first.pid() + " on host ")
                    .contains("; stop it first, or wait");
            assertThat(sim.requestCount()).as("the refused process sent nothing").isEqualTo(requestsBefore);
            assertThat(ChildCli.run(store, run.id()).status()).isEqualTo(RunStatus.RUNNING);
            assertThat(first.isAlive()).isTrue();
            System.out.printf("one process per run: second process refused in %d ms, exit %d, %d line: %s%n",
                    millis, second.exitCode(), second.err().strip().lines().count(), second.err().strip());

            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: the lease is left behind
            silent.set(false);
            CliRunner.Result after = CliRunner.run(resume.toArray(String[]::new));
            assertThat(after.exitCode()).as(after.err()).isZero();
            try (RunStore s = RunStore.open(store)) {
                assertThat(s.runs()).hasSize(1);
                assertThat(s.run(run.id()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(s.lease(run.id())).as("released when the run ended").isEmpty();
            }
        } finally {
            first.destroyForcibly();
        }
    }
}
