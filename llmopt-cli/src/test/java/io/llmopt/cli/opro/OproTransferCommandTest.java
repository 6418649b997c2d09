package io.llmopt.cli.opro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.SimCli;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmopt opro transfer} against the simulated server: two scorer models × two data sets of scripted answers. */
@ExtendWith(SimulatedLlmExtension.class)
class OproTransferCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path sums;
    private Path triples;

    @BeforeEach
    void writeData() throws Exception {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            a.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
            if (i <= 10) {
                b.add("{\"question\": \"What is " + i + " times 3?\", \"answer\": \"" + (3 * i) + "\"}");
            }
        }
        sums = Files.write(dir.resolve("sums.jsonl"), a);
        triples = Files.write(dir.resolve("triples.jsonl"), b);
    }

    /** "strong" is right on even numbers, and on all with "add" in the prompt; "weak" on odd ones without "add", even ones with it. */
    private static String answer(SimRequest request, int sample) {
        String prompt = request.lastUserMessage();
        Matcher m = Pattern.compile("What is (\\d+) (plus|times)").matcher(prompt);
        if (!m.find()) {
            return "?";
        }
        int n = Integer.parseInt(m.group(1));
        int right = m.group(2).equals("plus") ? 2 * n : 3 * n;
        boolean add = prompt.contains("add");
        boolean correct = request.model().equals("strong") ? add || n % 2 == 0 : (n % 2 == 1) != add;
        return "The answer is " + (correct ? right : right + 1) + ".";
    }

    private String scorers(SimulatedLlmServer sim, String... models) {
        List<String> specs = new ArrayList<>();
        for (String m : models) {
            specs.add(SimModels.spec(sim, m));
        }
        return String.join(",", specs);
    }

    private String[] transfer(SimulatedLlmServer sim, String scorers, String... extra) {
        List<String> args = new ArrayList<>(List.of("opro", "transfer", "--scorer", scorers,
                "--dataset", sums + "," + triples, "--instruction", "", "--instruction", "Let's add carefully.",
                "--instruction", "Be brief."));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void theMatrixIsPrintedStoredExportedAndReported(SimulatedLlmServer sim) throws Exception {
        sim.reply(OproTransferCommandTest::answer);
        CliRunner.Result r = new SimCli(sim, dir).run(transfer(sim, scorers(sim, "strong", "weak")));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(sim.requestCount()).isEqualTo(3 * (20 + 10) * 2);
        assertThat(r.out()).contains("3 instruction(s) x 4 column(s) (2 scorer model(s) x 2 data set(s))")
                .contains("strong · sums (all, n = 20)")
                .containsPattern("(?m)^  B +0\\.500 +\\[0\\.299, 0\\.701\\] +\\(empty instruction\\)$")
                // b = 0, c = 10: exact McNemar p = 2 * 0.5^10 = 0.00195
                .containsPattern("(?m)^  1 +1\\.000 +\\[0\\.839, 1\\.000\\] +\\+0\\.500 +0\\.002 +\\* Let's add carefully\\.$")
                .containsPattern("(?m)^#\\s+strong · sums\\s+strong · triples\\s+weak · sums\\s+weak · triples$")
                .containsPattern("(?m)^1\\s+1\\.000\\*\\s+1\\.000\\*\\s+0\\.500\\s+0\\.500$")
                .containsPattern("(?m)^B\\s+0\\.500\\s+0\\.500\\s+0\\.500\\*\\s+0\\.500\\*$");

        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunRecord run = store.runs().get(0);
            assertThat(run.kind()).isEqualTo("opro-transfer");
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            JsonNode matrix = JSON.readTree(run.summaryJson()).path("transfer");
            assertThat(matrix.path("cells")).hasSize(12);
            Path folder = dir.resolve("runs").resolve(run.id());
            List<String> csv = Files.readAllLines(folder.resolve("transfer.csv"));
            assertThat(csv).hasSize(13);
            assertThat(csv.get(0)).startsWith("instruction_index,instruction,model,dataset,split,examples,correct,accuracy");
            assertThat(csv.get(2)).startsWith("1,Let's add carefully.,strong,sums,all,20,20,1.0,").endsWith(",true");
            assertThat(JSON.readTree(folder.resolve("transfer.json").toFile())).isEqualTo(matrix);
            String html = Files.readString(folder.resolve("report.html"));
            assertThat(html).contains("Transfer").contains("strong · sums");
        }
    }

    @Test
    void addingAModelToAFinishedTransferPaysOnlyForThatModel(SimulatedLlmServer sim) {
        sim.reply(OproTransferCommandTest::answer);
        assertThat(withCache(sim, transfer(sim, scorers(sim, "strong"))).exitCode()).isZero();
        assertThat(sim.requestCount()).isEqualTo(3 * 30);
        sim.clear();

        CliRunner.Result r = withCache(sim, transfer(sim, scorers(sim, "strong", "weak")));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(sim.requestCount()).as("only the new model's calls").isEqualTo(3 * 30);
        assertThat(sim.chatRequests()).allSatisfy(q -> assertThat(q.model()).isEqualTo("weak"));
    }

    /** As {@link SimCli} does, with the response cache on, in the test folder. */
    private CliRunner.Result withCache(SimulatedLlmServer sim, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--model", SimModels.spec(sim), "--store", dir.resolve("runs.db").toString(),
                "--runs-dir", dir.resolve("runs").toString(), "--cache", "read-write",
                "--set", "cache.path=" + dir.resolve("cache.db"), "--quiet"));
        return CliRunner.run(all);
    }

    @Test
    void aTransferStoppedByItsBudgetResumesWithoutRepeatingARequest(SimulatedLlmServer sim) throws Exception {
        sim.reply(OproTransferCommandTest::answer);
        SimCli cli = new SimCli(sim, dir);
        String scorers = scorers(sim, "strong", "weak");
        // the budget comes from a configuration file, so that runs resume (which re-runs the stored
        // command line) runs without it once the file no longer sets it
        Path config = Files.writeString(dir.resolve("llmopt.yaml"), "budget:\n  max_tokens: 3000\n");
        CliRunner.Result stopped = cli.run(transfer(sim, scorers, "-c", config.toString(), "--concurrency", "1"));
        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCodes.BUDGET_REACHED);
        int before = sim.requestCount();
        assertThat(before).isBetween(1, 3 * 60 - 1);
        String runId;
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            RunRecord run = store.runs().get(0);
            assertThat(run.status()).isEqualTo(RunStatus.BUDGET_REACHED);
            runId = run.id();
        }

        Files.writeString(config, "budget: {}\n");
        CliRunner.Result resumed = CliRunner.run("runs", "resume", runId, "--store", cli.store().toString());
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(sim.requestCount()).as("every example of every cell asked once over both attempts").isEqualTo(3 * 60);
        assertThat(resumed.out()).contains("resuming: llmopt opro transfer")
                .containsPattern("(?m)^1\\s+1\\.000\\*\\s+1\\.000\\*\\s+0\\.500\\s+0\\.500$");
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            assertThat(store.runs()).hasSize(1);
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        }
    }

    /** The same command with --resume continues the run too. */
    @Test
    void theSameCommandWithResumeFinishesAStoppedTransfer(SimulatedLlmServer sim) {
        sim.reply(OproTransferCommandTest::answer);
        SimCli cli = new SimCli(sim, dir);
        String scorers = scorers(sim, "strong", "weak");
        assertThat(cli.run(transfer(sim, scorers, "--max-tokens-total", "5000")).exitCode()).isEqualTo(ExitCodes.BUDGET_REACHED);
        String runId;
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            runId = store.runs().get(0).id();
        }
        CliRunner.Result resumed = cli.run(transfer(sim, scorers, "--resume", runId));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(sim.requestCount()).isEqualTo(3 * 60);
        CliRunner.Result other = cli.run(transfer(sim, scorers(sim, "strong"), "--resume", runId));
        assertThat(other.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(other.err()).contains("was started with other options (transfer.scorers");
    }

    @Test
    void aDryRunPricesEveryModelOfTheMatrixAndStoresNothing(SimulatedLlmServer sim) {
        CliRunner.Result r = CliRunner.run(List.of("opro", "transfer", "--scorer", "openai:gpt-4o-mini,openai:gpt-4o",
                "--dataset", sums + "," + triples, "--instruction", "", "--instruction", "Let's add carefully.",
                "--dry-run", "--store", dir.resolve("runs.db").toString(), "--quiet"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("dry run: the real run would make 120 model calls")
                .containsPattern("(?m)^  scorer gpt-4o-mini +60 calls")
                .containsPattern("(?m)^  scorer gpt-4o +60 calls")
                .containsPattern("estimated cost: \\$0\\.\\d{4}\\n")
                .contains("[simulated] gpt-4o-mini · sums (all, n = 20)");
        // the estimate's rows keep one column however long a label is
        assertThat(r.out().lines().filter(l -> l.startsWith("  scorer gpt-4o")).map(l -> l.indexOf(" calls")).distinct())
                .hasSize(1);
        assertThat(dir.resolve("runs.db")).doesNotExist();
        assertThat(sim.requestCount()).as("the built-in simulator served the dry run, not this server").isZero();
    }

    /** Mistakes on the command line are one line and exit 2, and leave no run behind. */
    @Test
    void usageErrorsSayWhatIsWrongInOneLineAndCreateNothing(SimulatedLlmServer sim) {
        SimCli cli = new SimCli(sim, dir);
        String two = scorers(sim, "strong", "strong");
        CliRunner.Result twice = cli.run(transfer(sim, two));
        CliRunner.Result task = cli.run("opro", "transfer", "--dataset", sums.toString(), "--task", "navigate",
                "--instruction", "x");
        CliRunner.Result none = cli.run("opro", "transfer", "--dataset", sums.toString());
        CliRunner.Result top = cli.run("opro", "transfer", "--dataset", sums.toString(), "--from-run", "x", "--top", "65");
        for (CliRunner.Result r : List.of(twice, task, none, top)) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().strip().lines()).hasSize(1);
        }
        assertThat(twice.err()).contains("--scorer: the model 'strong' is given twice");
        assertThat(task.err()).contains("--task names BBH tasks: give --dataset bbh too");
        assertThat(none.err()).contains("give --instruction TEXT");
        assertThat(top.err()).contains("--top 65 is above its upper bound 64");
        assertThat(sim.requestCount()).isZero();
        assertThat(dir.resolve("runs.db")).doesNotExist();
    }

    /** A search's baseline and best instructions are what --from-run transfers. */
    @Test
    void fromRunTransfersASearchsBaselineAndBestInstructions(SimulatedLlmServer sim) {
        sim.replyWhen("Your task is to generate the instruction", "<INS>Let's add carefully.</INS>");
        sim.reply(OproTransferCommandTest::answer);
        SimCli cli = new SimCli(sim, dir);
        CliRunner.Result search = cli.run("opro", "prompt", "--dataset", sums.toString(), "--train-count", "10",
                "--steps", "1", "--candidates-per-step", "1", "--evaluate-every", "0", "--no-test");
        assertThat(search.exitCode()).as(search.err()).isZero();
        String searchId = SimCli.runId(search.out());

        CliRunner.Result r = cli.run("opro", "transfer", "--from-run", searchId, "--top", "2", "--dataset",
                triples.toString(), "--scorer", scorers(sim, "strong"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 instruction(s) x 1 column(s)")
                .containsPattern("(?m)^  B +0\\.500 .*\\(empty instruction\\)$")
                .containsPattern("(?m)^  1 +1\\.000 .*\\* Let's add carefully\\.$");
    }
}
