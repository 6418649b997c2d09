package io.llmopt.opro.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.opro.data.DatasetSource;
import io.llmopt.opro.data.Example;
import io.llmopt.opro.data.SplitSpec;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's scale: 200 steps x 8 candidates x 261 GSM8K training questions (417,600 scorer
 * calls) against the simulated server at zero latency, through the full Workspace stack (store and
 * response cache on), in a child JVM capped at {@code -Xmx512m}. The child is killed at a random
 * point mid-step and the run resumed in a second child; both print their wall time, peak heap and
 * GC figures. {@code ./scripts/bench llmopt-opro PaperScaleBenchmark}; {@code -Dllmopt.bench.steps=N}
 * for a shorter run, {@code -Dllmopt.bench.evaluation=racing} for racing evaluation.
 */
@Tag("benchmark")
@ExtendWith(SimulatedLlmExtension.class)
class PaperScaleBenchmark {

    private static final int STEPS = Integer.getInteger("llmopt.bench.steps", 200);
    private static final String EVALUATION = System.getProperty("llmopt.bench.evaluation", "full");

    @TempDir
    Path dir;

    @Test
    void paperScaleRunWithAKillAndAResume(SimulatedLlmServer sim) throws Exception {
        List<Example> train = ScriptedOpro.split(
                DatasetSource.defaults().withUserFolder(ScriptedOpro.oproData()).gsm8k("train"),
                SplitSpec.gsm8kReference()).train();
        script(sim, train);
        sim.recordRequests(false);
        Random random = new Random(Long.getLong("llmopt.bench.seed", 7));
        int killAfterStep = STEPS / 4 + random.nextInt(Math.max(1, STEPS / 2));
        long killDelayMillis = random.nextInt(1500);

        long start = System.nanoTime();
        Process first = child(sim, "new");
        BufferedReader firstOut = reader(first);
        String runId = firstOut.readLine();
        assertThat(runId).as("the child's run id").isNotBlank();
        try (RunStore store = RunStore.open(dir.resolve("store.db"))) {
            while (first.isAlive() && store.finishedSteps(runId).size() < killAfterStep + 1) {
                Thread.sleep(200);
            }
            Thread.sleep(killDelayMillis);
            assertThat(first.isAlive()).as("the first attempt was still running when killed").isTrue();
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        double killedAt = (System.nanoTime() - start) / 1e9;
        long requestsAtKill = sim.stats().totalRequests();
        int stepsAtKill;
        try (RunStore store = RunStore.open(dir.resolve("store.db"))) {
            stepsAtKill = store.finishedSteps(runId).size() - 1;
        }

        long resumeStart = System.nanoTime();
        Process second = child(sim, runId);
        BufferedReader secondOut = reader(second);
        assertThat(secondOut.readLine()).isEqualTo(runId);
        String result = null;
        StringBuilder heap = new StringBuilder();
        firstOut.close();
        for (String line; (line = secondOut.readLine()) != null; ) {
            if (line.startsWith("RESULT")) {
                result = line;
            } else if (line.startsWith("HEAP")) {
                heap.append(heap.isEmpty() ? "" : ", ").append(line.substring(5).replace("afterLastGcMb=", ""))
                        .append(" MB");
            }
        }
        assertThat(second.waitFor(2, TimeUnit.HOURS)).isTrue();
        assertThat(result).as("the resumed child's result line (see child log)").isNotNull();
        double resumeSeconds = (System.nanoTime() - resumeStart) / 1e9;
        double totalSeconds = killedAt + resumeSeconds;
        long requests = sim.stats().totalRequests();

        long storeBytes = size("store.db") + size("store.db-wal");
        long cacheBytes = size("responses.db") + size("responses.db-wal");
        long rows;
        try (RunStore store = RunStore.open(dir.resolve("store.db"))) {
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(store.finishedSteps(runId)).hasSize(STEPS + 1);
            rows = store.candidates(runId).stream().mapToLong(c -> store.exampleTally(runId, c.id(),
                    io.llmopt.core.store.Split.TRAIN).total()).sum();
        }
        System.out.printf(Locale.ROOT, "Paper-scale OPRO run (%s evaluation): %d steps x 8 candidates x %d examples,"
                + " simulated server at zero latency, max_concurrency %d, store + cache on, child JVM -Xmx512m; load average %.2f%n",
                EVALUATION, STEPS, train.size(), PaperScaleRunMain.CONCURRENCY,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "  first attempt killed mid-step after %d finished steps, %.1f s, %,d requests%n",
                stepsAtKill, killedAt, requestsAtKill);
        System.out.printf(Locale.ROOT, "  resumed attempt: %.1f s; %s%n", resumeSeconds, result.substring(7));
        System.out.printf(Locale.ROOT, "  resumed attempt's heap after the latest GC: %s%n", heap);
        System.out.printf(Locale.ROOT, "  total: %.1f s, %,d HTTP requests (%,.0f/s), %,d per-example training results"
                + " stored (each once), store %.0f MB, cache %.0f MB%n", totalSeconds, requests, requests / totalSeconds,
                rows, storeBytes / 1e6, cacheBytes / 1e6);
        assertThat(rows).as("every example of every kept candidate, once").isPositive();
    }

    private Process child(SimulatedLlmServer sim, String resume) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Dllmopt.shared.dir=" + System.getProperty("llmopt.shared.dir"),
                PaperScaleRunMain.class.getName(), sim.baseUrl(), dir.toString(), resume, String.valueOf(STEPS),
                EVALUATION)
                .redirectError(dir.resolve("child-" + resume + ".err").toFile()).start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private long size(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /**
     * Cheap replies: a distinct instruction per optimizer request (its seed spelled in letters, so
     * no digit), and a scorer that is right on a share of the questions set by the instruction, so
     * scores differ and the meta-prompt changes.
     */
    static void script(SimulatedLlmServer sim, List<Example> train) {
        Map<String, String> targets = new HashMap<>();
        train.forEach(e -> targets.put(e.question(), e.target()));
        sim.replyWhen(ScriptedOpro.META_PROMPT_MARK, (request, sample) ->
                "<INS>Candidate " + letters(request.seed() == null ? sample : request.seed() + sample) + ".</INS>");
        sim.reply((SimRequest request, int sample) -> {
            String prompt = request.lastUserMessage();
            int newline = prompt.indexOf('\n');
            String instruction = newline < 0 ? "" : prompt.substring(0, newline);
            String target = targets.get(newline < 0 ? prompt : prompt.substring(newline + 1));
            if (target == null) {
                return "I do not know.";
            }
            int skill = Math.floorMod(instruction.hashCode(), 60) + 20;
            boolean right = Math.floorMod(prompt.hashCode(), 100) < skill;
            return "So the answer is " + (right ? target : "nothing") + ".";
        });
    }

    private static String letters(long seed) {
        StringBuilder sb = new StringBuilder();
        for (char c : Long.toString(seed).toCharArray()) {
            sb.append(c == '-' ? 'z' : (char) ('a' + (c - '0')));
        }
        return sb.toString();
    }
}
