package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.Main;
import io.llmopt.core.cache.SqliteResponseCache;
import io.llmopt.core.store.CallTotals;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Runs an llmopt command in a child JVM, kills it (SIGKILL) again and again at random points and
 * resumes it with {@code --resume RUN_ID} each time, then compares it with the same command run
 * once without interruption.
 *
 * <p>Most kill points are chosen by progress (after a random number of requests reached the
 * server), so they fall all over the run, mid-call and mid-write alike; one in five is a random
 * instant right after start, while the JVM opens the store, binds the configuration or reloads
 * the finished work.
 */
final class KillPoints {

    static final int CONCURRENCY = 4;

    record Figures(String command, int kills, int startupKills, int uninterruptedCalls, int totalCalls, long atServer, long unsaved,
                   long ledgerRequests, long unsettled) {
        int extraCalls() {
            return totalCalls - uninterruptedCalls;
        }

        String line() {
            return String.format("kill-and-resume %s: %d kills survived (%d during start-up/resume), uninterrupted %d calls,"
                            + " killed+resumed %d calls: %d repeated; in flight at the kills: %d sent but not yet saved"
                            + " (%d still at the server; concurrency %d); the run's ledger holds %d request(s),"
                            + " %d call(s) unsettled (reply lost)",
                    command, kills, startupKills, uninterruptedCalls, totalCalls, extraCalls(), unsaved, atServer, CONCURRENCY,
                    ledgerRequests, unsettled);
        }
    }

    private final SimulatedLlmServer sim;
    private final Path dir;
    private final List<String> command;
    private final Random random;

    KillPoints(SimulatedLlmServer sim, Path dir, List<String> command, long seed) {
        this.sim = sim;
        this.dir = dir;
        this.command = command;
        this.random = new Random(seed);
    }

    Figures run(int kills) throws Exception {
        Path whole = Files.createDirectories(dir.resolve("whole"));
        int before = sim.requestCount();
        CliRunner.Result uninterruptedRun = CliRunner.run(args(whole, null));
        assertThat(uninterruptedRun.exitCode()).as(uninterruptedRun.err()).isZero();
        int uninterrupted = sim.requestCount() - before;
        List<String> expected;
        try (RunStore store = RunStore.open(whole.resolve("runs.db"))) {
            expected = RunFingerprint.of(store, store.runs().get(0).id());
        }

        Path killed = Files.createDirectories(dir.resolve("killed"));
        before = sim.requestCount();
        String runId = null;
        int done = 0;
        int startupKills = 0;
        long atServer = 0;
        long unsaved = 0;
        long savedBefore = 0;
        int step = Math.max(2, 2 * uninterrupted / kills);
        for (int attempt = 0; done < kills && attempt < kills * 3; attempt++) {
            int sentBefore = sim.requestCount();
            
            Process child = start(killed, runId, attempt);
            boolean atStartup = random.nextInt(5) == 0;
            if (atStartup) {
                child.waitFor(random.nextInt(600), TimeUnit.MILLISECONDS);
            } else {
                int target = sentBefore + 1 + random.nextInt(step);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (sim.requestCount() < target && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(15));
            }
            if (!child.isAlive()) {
                assertThat(child.exitValue()).as(Files.readString(killed.resolve("child-" + attempt + ".err"))).isZero();
                break; // finished before the kill point
            }
            atServer += sim.stats().inFlight();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            waitUntilIdle();
            long saved = cacheSize(killed);
            unsaved += (sim.requestCount() - sentBefore) - (saved - savedBefore);
            savedBefore = saved;
            done++;
            startupKills += atStartup ? 1 : 0;
            if (runId == null && Files.exists(killed.resolve("runs.db"))) {
                try (RunStore store = RunStore.open(killed.resolve("runs.db"))) {
                    runId = store.runs().stream().map(RunRecord::id).findFirst().orElse(null);
                }
            }
        }
        Process last = start(killed, runId, 9999);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(Files.readString(killed.resolve("child-9999.err"))).isZero();
        int total = sim.requestCount() - before;

        CallTotals ledger;
        try (RunStore store = RunStore.open(killed.resolve("runs.db"))) {
            assertThat(store.integrityCheck().ok()).as(store.integrityCheck().toString()).isTrue();
            assertThat(store.runs()).as("one run, resumed each time").hasSize(1);
            RunRecord run = store.runs().get(0);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(RunFingerprint.of(store, run.id())).isEqualTo(expected);
            ledger = store.callTotals(run.id());
        }
        // every request that reached the server is in the ledger; one recorded as sent may have died
        // before it left (the kill fell between the commit and the send): at most the unsettled ones
        assertThat(ledger.requests()).as("the ledger's requests against the server's log")
                .isBetween((long) total, total + ledger.unsettled());
        assertThat(done).isEqualTo(kills);
        Figures figures = new Figures(command.get(0) + " " + command.get(1), done, startupKills, uninterrupted, total, atServer, unsaved,
                ledger.requests(), ledger.unsettled());
        // a call is paid again only when its answer was not yet saved when the process died:
        // nothing durable is ever recomputed
        assertThat(figures.extraCalls()).isBetween(0, (int) unsaved);
        return figures;
    }

    private Process start(Path folder, String runId, int attempt) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args(folder, runId));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(folder.resolve("child-" + attempt + ".err").toFile()).start();
    }

    private List<String> args(Path folder, String runId) {
        List<String> args = new ArrayList<>(command);
        args.addAll(Worlds.common(sim, folder, "read-write", "--no-probe")); // probe requests are no run calls
        for (String role : List.of("optimizer", "scorer", "judge", "rewriter", "responder")) {
            args.addAll(List.of("--set", "models." + role + ".max_concurrency=" + CONCURRENCY));
        }
        if (runId != null) {
            args.addAll(List.of("--resume", runId));
        }
        return args;
    }

    /** Answers saved in the response cache: a call sent and not saved by the kill is the one paid again. */
    private static long cacheSize(Path folder) {
        if (!Files.exists(folder.resolve("cache.db"))) {
            return 0;
        }
        try (SqliteResponseCache cache = SqliteResponseCache.open(folder.resolve("cache.db"))) {
            return cache.size();
        }
    }

    /** Requests the dead child left at the server are still answered; wait so they are not counted later. */
    private void waitUntilIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.stats().inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
