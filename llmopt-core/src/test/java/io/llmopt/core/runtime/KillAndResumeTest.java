package io.llmopt.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.cache.SqliteResponseCache;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.WorkItem;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in its own JVM is killed (SIGKILL) half-way and resumed: every result is there exactly once,
 * and the only calls paid twice are the ones in flight at the kill.
 */
class KillAndResumeTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    private static final int ITEMS = 200;

    @TempDir
    Path dir;

    private Process start(SimulatedLlmServer sim, String resume) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ResumableJobMain.class.getName(), sim.baseUrl(), dir.toString(), Integer.toString(ITEMS), resume)
                .redirectError(dir.resolve("child-" + resume + ".err").toFile()).start();
    }

    @Test
    void aKilledRunResumesWithNoLostResultAndNoRepeatedCallBeyondThoseInFlight() throws Exception {
        sim.latency(Duration.ofMillis(20)).reply((req, i) -> "answer to " + req.lastUserMessage());

        Process first = start(sim, "new");
        String runId = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8)).readLine();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sim.requestCount() < ITEMS / 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int callsBeforeKill = sim.requestCount();
        assertThat(callsBeforeKill).isBetween(ITEMS / 2, ITEMS - 1);
        long persistedAtKill;
        try (SqliteResponseCache cache = SqliteResponseCache.open(dir.resolve("responses.db"))) {
            persistedAtKill = cache.size();
        }

        Process second = start(sim, runId);
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(output + java.nio.file.Files.readString(dir.resolve("child-" + runId + ".err"))).isZero();

        try (RunStore store = RunStore.open(dir.resolve("runs").resolve("runs.db"))) {
            assertThat(store.integrityCheck().ok()).isTrue();
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            List<WorkItem> items = store.workItems(runId, ResumableJobMain.KIND);
            assertThat(items).hasSize(ITEMS);
            assertThat(items).extracting(WorkItem::key).doesNotHaveDuplicates();
            assertThat(items).allSatisfy(w -> assertThat(w.payloadJson())
                    .isEqualTo("{\"answer\":\"answer to question " + w.key().substring(1) + "\"}"));
        }
        Map<String, Long> perPrompt = sim.chatRequests().stream()
                .collect(Collectors.groupingBy(SimRequest::lastUserMessage, Collectors.counting()));
        long repeated = perPrompt.values().stream().filter(c -> c > 1).count();
        assertThat(perPrompt).hasSize(ITEMS);
        assertThat(perPrompt.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(2));
        // a call is paid twice only if it was sent before the kill and its answer was not yet saved
        assertThat(repeated).as("only calls in flight at the kill are paid twice").isEqualTo(callsBeforeKill - persistedAtKill);
        assertThat(repeated).isLessThanOrEqualTo(2L * ResumableJobMain.CONCURRENCY);
        System.out.printf("kill-and-resume: %d calls before the kill, %d answers saved, %d in total for %d items, %d repeated%n",
                callsBeforeKill, persistedAtKill, sim.requestCount(), ITEMS, repeated);
    }
}
