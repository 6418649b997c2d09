package io.llmopt.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.CliRunner;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmopt runs resume ID} continues a run from the store alone, with the command that started it. */
@ExtendWith(SimulatedLlmExtension.class)
class RunsResumeTest {

    @TempDir
    Path dir;



    private static String answer(SimRequest request, int sample) {
        if (request.lastUserMessage().contains("<INS>")) {
            return "<INS>Add the two numbers.</INS>";
        }
        Matcher m = Pattern.compile("What is (\\d+) plus").matcher(request.lastUserMessage());
        return m.find() ? "The answer is " + 2 * Integer.parseInt(m.group(1)) + "." : "?";
    }

    @Test
    void aRunStoppedByAFailingEndpointIsResumedFromTheStoreAlone(SimulatedLlmServer sim) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            lines.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
        }
        Path data = Files.write(dir.resolve("sums.jsonl"), lines);
        Path store = dir.resolve("runs.db");
        sim.reply(RunsResumeTest::answer);
        // the endpoint refuses everything after the first 25 calls, as a server taken down would
        sim.inject(FaultRule.when(r -> sim.requestCount() > 25, Fault.BAD_REQUEST));

        CliRunner.Result first = CliRunner.run("opro", "prompt", "--dataset", data.toString(), "--steps", "2", "--quiet",
                "--model", SimModels.spec(sim), "--cache", "off",
                "--store", store.toString(), "--runs-dir", dir.resolve("runs").toString());
        assertThat(first.exitCode()).isEqualTo(ExitCodes.FAILED);
        String runId;
        try (RunStore s = RunStore.open(store)) {
            RunRecord r = s.runs().get(0);
            // a model failure leaves the run resumable: everything scored so far is kept
            assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
            runId = r.id();
        }

        sim.clearFaults();
        int before = sim.requestCount();
        CliRunner.Result resumed = CliRunner.run("runs", "resume", runId, "--store", store.toString());
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming: llmopt opro prompt").contains("--resume " + runId);
        try (RunStore s = RunStore.open(store)) {
            assertThat(s.runs()).hasSize(1);
            assertThat(s.run(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        }
        // the 25 answers stored before the failure were not asked again
        assertThat(sim.chatRequests().subList(before, sim.chatRequests().size()))
                .extracting(SimRequest::lastUserMessage)
                .doesNotContainAnyElementsOf(sim.chatRequests().subList(0, 25).stream()
                        .filter(r -> !r.lastUserMessage().contains("<INS>")).map(SimRequest::lastUserMessage).toList());
    }

    @Test
    void resumingWithOtherOptionsIsRefusedButMoreStepsExtendTheRun(SimulatedLlmServer sim) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            lines.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
        }
        Path data = Files.write(dir.resolve("sums.jsonl"), lines);
        Path store = dir.resolve("runs.db");
        sim.reply(RunsResumeTest::answer);
        List<String> common = List.of("opro", "prompt", "--dataset", data.toString(), "--quiet",
                "--model", SimModels.spec(sim), "--cache", "off",
                "--store", store.toString(), "--runs-dir", dir.resolve("runs").toString());
        List<String> first = new ArrayList<>(common);
        first.addAll(List.of("--steps", "1"));
        assertThat(CliRunner.run(first.toArray(String[]::new)).exitCode()).isZero();
        String runId;
        try (RunStore s = RunStore.open(store)) {
            runId = s.runs().get(0).id();
        }

        List<String> otherPosition = new ArrayList<>(common);
        otherPosition.addAll(List.of("--steps", "1", "--position", "Q_end", "--resume", runId));
        CliRunner.Result refused = CliRunner.run(otherPosition.toArray(String[]::new));
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("was started with other options").contains("opro.position \"Q_BEGIN\" -> \"Q_END\"");

        List<String> moreSteps = new ArrayList<>(common);
        moreSteps.addAll(List.of("--steps", "2", "--resume", runId));
        CliRunner.Result extended = CliRunner.run(moreSteps.toArray(String[]::new));
        assertThat(extended.exitCode()).as(extended.err()).isZero();
        assertThat(extended.out()).contains("2 step(s)");
    }
}
