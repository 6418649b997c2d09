package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.core.accounting.LlmCallRecord;
import io.llmopt.core.store.CallTotals;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request that reached the server is in the run's ledger, those whose reply was lost in a
 * kill included: a real child JVM is killed (SIGKILL) while its calls wait at the simulator, and
 * the store's request count is compared with the simulator's request log, then again after the
 * run is resumed and completed.
 */
@ExtendWith(SimulatedLlmExtension.class)
class CallLedgerKillTest {

    private static final int CONCURRENCY = 4;

    @TempDir
    Path dir;

    private List<String> args(SimulatedLlmServer sim, Path data, Path folder, String runId) {
        List<String> args = new ArrayList<>(Worlds.oproPrompt(data));
        // the capability probe's test requests are not run calls: leave them out of the server's count
        args.addAll(Worlds.common(sim, folder, "read-write", "--no-probe"));
        for (String role : List.of("optimizer", "scorer")) {
            args.addAll(List.of("--set", "models." + role + ".max_concurrency=" + CONCURRENCY,
                    "--set", "models." + role + ".price.prompt_per_million=1000",
                    "--set", "models." + role + ".price.completion_per_million=2000"));
        }
        if (runId != null) {
            args.addAll(List.of("--resume", runId));
        }
        return args;
    }

    @Test
    void theLedgerHoldsEveryRequestTheServerGotThoseLostInAKillIncluded(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        Path data = Worlds.sums(dir);

        Path whole = Files.createDirectories(dir.resolve("whole"));
        int before = sim.requestCount();
        assertThat(CliRunner.run(args(sim, data, whole, null)).exitCode()).isZero();
        int uninterruptedRequests = sim.requestCount() - before;
        CallTotals uninterrupted;
        try (RunStore store = RunStore.open(whole.resolve("runs.db"))) {
            uninterrupted = store.callTotals(store.runs().get(0).id());
        }
        assertThat(uninterrupted.requests()).as("an uninterrupted run's ledger").isEqualTo(uninterruptedRequests);

        // after 40 quick replies (an estimate has answers to go by), the replies take long enough
        // for the kill to find CONCURRENCY calls waiting at the server
        Path killed = Files.createDirectories(dir.resolve("killed"));
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        sim.latency(request -> answered.incrementAndGet() > 40 ? Duration.ofMillis(1500) : Duration.ZERO);
        before = sim.requestCount();
        Process child = ChildCli.start(dir, killed.resolve("child.err"), args(sim, data, killed, null));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sim.stats().inFlight() < CONCURRENCY && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(child.isAlive()).as(Files.readString(killed.resolve("child.err"))).isTrue();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int atKill = sim.requestCount() - before;
        long lostAtTheServer = sim.stats().inFlight();

        String runId;
        try (RunStore store = RunStore.open(killed.resolve("runs.db"))) {
            RunRecord run = store.runs().get(0);
            runId = run.id();
            List<LlmCallRecord> calls = store.calls(runId);
            long settledRequests = calls.stream().filter(LlmCallRecord::settled).mapToLong(LlmCallRecord::requests).sum();
            CallTotals totals = store.callTotals(runId);
            System.out.printf("call ledger at a kill: the server got %d request(s), %d still unanswered; the ledger holds"
                            + " %d request(s), %d of them unsettled at an estimated %.4f (a ledger of settled calls only: %d)%n",
                    atKill, lostAtTheServer, totals.requests(), totals.unsettled(), totals.unsettledCost(), settledRequests);
            assertThat(totals.requests()).as("the ledger's requests = the server's request log").isEqualTo(atKill);
            // the calls still at the server, and any whose reply came back but was not yet recorded
            assertThat(totals.unsettled()).as("the calls whose reply the kill lost")
                    .isBetween(lostAtTheServer, atKill - settledRequests).isGreaterThanOrEqualTo(CONCURRENCY);
            assertThat(totals.unsettledCost()).isPositive();
            assertThat(settledRequests).as("what a ledger of returned calls alone would hold").isLessThan(atKill);
        }
        CliRunner.Result show = CliRunner.run("runs", "show", runId, "--store", killed.resolve("runs.db").toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("of it estimated: \\d+ call\\(s\\) sent whose reply was lost")
                .contains("requests  " + atKill + " sent");

        // the dead child's requests are still answered by the server: let them go before resuming
        long idle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.stats().inFlight() > 0 && System.nanoTime() < idle) {
            Thread.sleep(5);
        }
        sim.latency(Duration.ZERO);
        CliRunner.Result resumed = CliRunner.run(args(sim, data, killed, runId));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        int total = sim.requestCount() - before;
        try (RunStore store = RunStore.open(killed.resolve("runs.db"))) {
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            CallTotals totals = store.callTotals(runId);
            System.out.printf("call ledger after resuming: uninterrupted %d request(s) costing %.4f; killed and resumed:"
                            + " the server got %d, the ledger holds %d costing %.4f (%.4f of it estimated)%n",
                    uninterruptedRequests, uninterrupted.cost(), total, totals.requests(), totals.cost(), totals.unsettledCost());
            assertThat(totals.requests()).isEqualTo(total);
            assertThat(total).as("the lost calls were paid again").isGreaterThanOrEqualTo(uninterruptedRequests + CONCURRENCY);
            assertThat(totals.cost()).as("the killed run paid more, and its ledger says so").isGreaterThan(uninterrupted.cost());
        }
    }
}
