package io.llmopt.cli.opro;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.SimCli;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SimulatedLlmExtension.class)
class OproCommandsTest {

    @TempDir
    Path dir;

    private Path data;

    @BeforeEach
    void writeData() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
        }
        data = Files.write(dir.resolve("sums.jsonl"), lines);
    }

    /** The optimizer proposes "Let's add carefully." once; the scorer is right only with "add" in the prompt. */
    private static void script(SimulatedLlmServer sim) {
        sim.replyWhen("Your task is to generate the instruction", (r, s) ->
                r.seed() != null && r.seed() % 2 == 0 ? "<INS>Let's add carefully.</INS>" : "<INS>Be brief.</INS>");
        sim.reply(OproCommandsTest::answer);
    }

    private static String answer(SimRequest request, int sample) {
        String prompt = request.lastUserMessage();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("What is (\\d+) plus").matcher(prompt);
        if (!m.find()) {
            return "?";
        }
        int n = Integer.parseInt(m.group(1));
        return "The answer is " + (prompt.contains("add") ? 2 * n : 2 * n + 1) + ".";
    }

    private CliRunner.Result run(SimulatedLlmServer sim, String... args) {
        return new SimCli(sim, dir).run(args);
    }

    @Test
    void promptFindsTheBetterInstructionRecordsTheRunAndExportsItsTables(SimulatedLlmServer sim) throws Exception {
        script(sim);
        CliRunner.Result r = run(sim, "opro", "prompt", "--dataset", data.toString(), "--train-count", "10",
                "--steps", "2", "--candidates-per-step", "2", "--evaluate-every", "0", "--name", "sums");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("best instruction (train 1.000): Let's add carefully.");
        assertThat(r.out()).containsPattern("1 +1\\.000 +1\\.000 +\\[0\\.8\\d\\d, 1\\.000\\] +\\+1\\.000 +<0\\.001 +Let's add carefully\\.");
        assertThat(r.out()).contains("B ").contains("(empty instruction)");
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunRecord run = store.runs().get(0);
            assertThat(run.kind()).isEqualTo("opro-prompt");
            assertThat(run.name()).isEqualTo("sums");
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.summaryJson()).contains("\"best_instruction\":\"Let's add carefully.\"")
                    .contains("\"best_train_score\":1.0").contains("\"best_test_score\":1.0").contains("\"steps_done\":2");
            assertThat(run.configJson()).contains("\"steps\":2").contains("\"train_examples\":10");
            assertThat(store.candidates(run.id())).extracting(CandidateRecord::text)
                    .contains("", "Let's add carefully.", "Be brief.");
            assertThat(store.calls(run.id())).isNotEmpty();
            Path folder = dir.resolve("runs").resolve(run.id());
            assertThat(Files.readString(folder.resolve("candidates.csv"))).contains("Let's add carefully.");
            assertThat(Files.readString(folder.resolve("result.json"))).contains("final_evaluation");
        }
    }

    @Test
    void promptWithRacingDropsTheInstructionThatAnswersNothingEarly(SimulatedLlmServer sim) {
        script(sim);
        CliRunner.Result r = run(sim, "opro", "prompt", "--dataset", data.toString(), "--train-count", "25",
                "--steps", "2", "--candidates-per-step", "2", "--evaluate-every", "0", "--evaluation", "racing");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("best instruction (train 1.000): Let's add carefully.")
                .containsPattern("racing: 1 of \\d+ candidates dropped early; \\d+ training scorer calls instead of \\d+");
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunRecord run = store.runs().get(0);
            assertThat(run.configJson()).contains("\"evaluation\":\"RACING\"");
            assertThat(store.candidates(run.id()))
                    .filteredOn(c -> c.status() == io.llmopt.core.store.CandidateStatus.RACED_OUT)
                    .singleElement().satisfies(c -> {
                        assertThat(c.text()).isEqualTo("Be brief.");
                        assertThat(c.reason()).matches("racing: dropped after \\d of 25 examples \\(0\\.000 correct\\)");
                    });
        }
    }

    @Test
    void evaluateIsACiGate(SimulatedLlmServer sim) {
        script(sim);
        CliRunner.Result both = run(sim, "opro", "evaluate", "--dataset", data.toString(), "--split", "all",
                "--instruction", "", "--instruction", "Let's add carefully.", "--fail-under", "0.9");
        assertThat(both.exitCode()).as(both.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(both.out()).contains("on 30 all example(s)").contains("FAIL: accuracy 0.000 < 0.900: (empty instruction)");

        CliRunner.Result good = run(sim, "opro", "evaluate", "--dataset", data.toString(), "--split", "all",
                "--instruction", "Let's add carefully.", "--fail-under", "0.9");
        assertThat(good.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(good.out()).contains("PASS");

        // 30 of 30 has a Wilson lower bound of 0.886: below a 0.9 bar when the bound is what counts
        CliRunner.Result strict = run(sim, "opro", "evaluate", "--dataset", data.toString(), "--split", "all",
                "--instruction", "Let's add carefully.", "--fail-under", "0.9", "--strict");
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(strict.out()).contains("FAIL: lower bound 0.88");
    }

    @Test
    void evaluateOnTheTrainingSplitShowsOneTrainColumnAndLabelsTheFirstInstructionAsTheBaseline(SimulatedLlmServer sim) {
        script(sim);
        CliRunner.Result one = run(sim, "opro", "evaluate", "--dataset", data.toString(), "--split", "train",
                "--instruction", "Let's add carefully.");
        assertThat(one.exitCode()).as(one.err()).isZero();
        List<String> lines = one.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("#")).findFirst().orElseThrow();
        assertThat(header).containsPattern("^#\\s+train\\s+95% CI").doesNotContain("train   train");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("^B\\s+1\\.000\\s+\\[.*Let's add carefully\\."));

        CliRunner.Result two = run(sim, "opro", "evaluate", "--dataset", data.toString(), "--split", "test",
                "--instruction", "", "--instruction", "Let's add carefully.");
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(two.out()).containsPattern("(?m)^#\\s+test\\s+95% CI").doesNotContainPattern("(?m)^B\\s+-")
                .containsPattern("(?m)^B\\s+0\\.000\\s.*\\(empty instruction\\)")
                .containsPattern("(?m)^1\\s+1\\.000\\s.*Let's add carefully");
    }

    @Test
    void theOptimizerSeedIsSentByDefaultAndSwitchedOffByFlagOrConfig(SimulatedLlmServer sim) {
        script(sim);
        String[] small = {"opro", "prompt", "--dataset", data.toString(), "--train-count", "5", "--steps", "1",
                "--candidates-per-step", "2", "--evaluate-every", "0"};

        assertThat(run(sim, small).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(optimizerBodies(sim)).isNotEmpty().allSatisfy(b -> assertThat(b).contains("\"seed\""));

        sim.clear();
        CliRunner.Result none = run(sim, concat(small, "--optimizer-seed", "none"));
        assertThat(none.exitCode()).as(none.err()).isEqualTo(ExitCodes.OK);
        assertThat(optimizerBodies(sim)).isNotEmpty().allSatisfy(b -> assertThat(b).doesNotContain("\"seed\""));

        // --set opro.optimizer_seed=null used to be taken for "not set" and leave the seed in place
        sim.clear();
        CliRunner.Result nulled = run(sim, concat(small, "--set", "opro.optimizer_seed=null"));
        assertThat(nulled.exitCode()).as(nulled.err()).isEqualTo(ExitCodes.OK);
        assertThat(optimizerBodies(sim)).isNotEmpty().allSatisfy(b -> assertThat(b).doesNotContain("\"seed\""));

        CliRunner.Result bad = run(sim, concat(small, "--optimizer-seed", "random"));
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--optimizer-seed").contains("none");
    }

    private static List<String> optimizerBodies(SimulatedLlmServer sim) {
        return sim.requests().stream().map(io.llmopt.sim.RecordedRequest::body)
                .filter(b -> b != null && b.contains("Your task is to generate the instruction")).toList();
    }

    private static String[] concat(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void badOptionsAreUsageErrors(SimulatedLlmServer sim) {
        CliRunner.Result r = run(sim, "opro", "prompt", "--dataset", "bbh", "--steps", "1");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--task");
        CliRunner.Result position = run(sim, "opro", "prompt", "--dataset", data.toString(), "--position", "middle");
        assertThat(position.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(position.err()).contains("unknown instruction position 'middle'");
        CliRunner.Result evaluation = run(sim, "opro", "prompt", "--dataset", data.toString(), "--evaluation", "partial");
        assertThat(evaluation.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(evaluation.err()).contains("--evaluation").contains("expected full or racing");
    }
}
