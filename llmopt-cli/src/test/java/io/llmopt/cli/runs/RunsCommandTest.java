package io.llmopt.cli.runs;

import io.llmopt.cli.CliRunner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.cli.ExitCodes;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.Split;
import io.llmopt.report.SampleRuns;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path storeFile;
    private String opro;
    private String opro2;
    private String linreg;
    private String bpo;

    @BeforeEach
    void fillStore() {
        storeFile = dir.resolve("runs/llmopt.db");
        try (RunStore store = RunStore.open(storeFile)) {
            opro = SampleRuns.oproPrompt(store, "gsm8k baseline", 0.5);
            opro2 = SampleRuns.oproPrompt(store, "gsm8k A_begin", 0.6);
            linreg = SampleRuns.linreg(store);
            bpo = SampleRuns.bpoEval(store);
        }
    }

    private CliRunner.Result runs(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "runs";
        all[1] = "--store";
        all[2] = storeFile.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRunner.run(all);
    }

    @Test
    void listShowsEveryRunNewestFirstWithItsBestResultAndCost() {
        CliRunner.Result r = runs("list");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ID").contains("NAME", "KIND", "STATUS", "BEST", "COST", "STARTED", "DURATION");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith(bpo).contains("bpo-eval", "completed", "win 50.0% / lose 20.0%");
        assertThat(lines.get(3)).startsWith(opro2).contains("opro-prompt", "test");
        assertThat(lines.get(2)).startsWith(linreg).contains("12.3", "0.0450");
        try (RunStore store = RunStore.open(storeFile)) {
            assertThat(lines.get(4)).contains(String.format(java.util.Locale.ROOT, "%.4f", store.callTotals(opro).cost()));
        }
    }

    /** Before: no filter or limit, every run of the store on every call. */
    @Test
    void listFiltersByStatusKindNameAndKeepsTheNewestN() {
        try (RunStore store = RunStore.open(storeFile)) {
            store.updateStatus(linreg, io.llmopt.core.store.RunStatus.FAILED);
        }
        assertThat(ids(runs("list", "--status", "failed"))).containsExactly(linreg);
        // the linear-regression run is an opro-* kind too
        assertThat(ids(runs("list", "--status", "failed,completed", "--kind", "opro"))).containsExactly(linreg, opro2, opro);
        assertThat(ids(runs("list", "--status", "completed", "--kind", "opro"))).containsExactly(opro2, opro);
        assertThat(ids(runs("list", "--kind", "opro-prompt", "--name", "A_BEGIN"))).containsExactly(opro2);
        assertThat(ids(runs("list", "--last", "2"))).containsExactly(bpo, linreg);
        assertThat(ids(runs("list", "--kind", "opro-prompt", "--last", "1"))).containsExactly(opro2);
        CliRunner.Result none = runs("list", "--name", "no such run");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("no runs match (4 in ");
        CliRunner.Result bad = runs("list", "--status", "done");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--status: unknown status 'done'").contains("completed");
        assertThat(runs("list", "--last", "0").exitCode()).isEqualTo(2);
    }

    private static List<String> ids(CliRunner.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
    }

    @Test
    void theStoreOptionWorksBeforeAndAfterTheSubcommand() {
        assertThat(CliRunner.run("runs", "list", "--store", storeFile.toString()).out()).contains(opro);
        // without --store the runs commands look where running commands write: the configuration's store
        assertThat(StoreOption.resolve(null, null, java.util.Map.of()).toString()).endsWith("llmopt-runs/runs.db");
        assertThat(StoreOption.resolve(null, null, java.util.Map.of("LLMOPT_STORE_PATH", "/data/x.db"))).isEqualTo(Path.of("/data/x.db"));
        assertThat(StoreOption.resolve(null, null, java.util.Map.of("LLMOPT_RUNS_DIR", "/data/r")))
                .isEqualTo(Path.of("/data/r/runs.db"));
        assertThat(StoreOption.resolve(Path.of("a.db"), null, java.util.Map.of("LLMOPT_STORE_PATH", "/data/x.db"))).isEqualTo(Path.of("a.db"));
    }

    @Test
    void showPrintsStatusUsagePerRoleBestCandidatesAndRedactedConfig() {
        CliRunner.Result r = runs("show", opro);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("run       " + opro, "status    completed", "attempts  1", "usage per role", "scorer", "optimizer",
                "openai:gpt-4", "best candidates", "configuration (secrets redacted)", "\"instruction_position\" : \"Q_begin\"");
        assertThat(r.out()).doesNotContain("sk-secret-value-123");
        assertThat(runs("show", linreg).out()).contains("\"reference_method\" : \"least squares\"", "best      12.3");
    }

    @Test
    void anUnknownRunIsAOneLineUsageError() {
        for (String[] args : List.of(new String[] {"show", "20990101-000000-beef"}, new String[] {"rm", "--yes", "20990101-000000-beef"},
                new String[] {"export", "20990101-000000-beef"}, new String[] {"compare", opro, "20990101-000000-beef"},
                new String[] {"resume", "20990101-000000-beef"})) {
            CliRunner.Result r = runs(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().strip()).isEqualTo("llmopt: no run 20990101-000000-beef in " + storeFile
                    + " (llmopt runs list shows the runs)");
        }
        CliRunner.Result report = CliRunner.run("report", "20990101-000000-beef", "--store", storeFile.toString());
        assertThat(report.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(report.err().lines()).hasSize(1);
    }

    @Test
    void aMissingStoreIsNotCreatedButReported() {
        Path missing = dir.resolve("nowhere/llmopt.db");
        CliRunner.Result r = CliRunner.run("runs", "--store", missing.toString(), "list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no run store at " + missing);
        assertThat(missing).doesNotExist();
    }

    @Test
    void exportJsonHoldsEverythingTheStoreHasForTheRun() throws Exception {
        Path out = dir.resolve("export");
        CliRunner.Result r = runs("export", opro, "--format", "json", "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(out.resolve(opro + ".json").toFile());
        try (RunStore store = RunStore.open(storeFile)) {
            List<CandidateRecord> candidates = store.candidates(opro);
            long results = 0;
            for (CandidateRecord c : candidates) {
                for (Split s : Split.values()) {
                    results += store.exampleResults(opro, c.id(), s).size();
                }
            }
            assertThat(json.get("run").get("id").asText()).isEqualTo(opro);
            assertThat(json.get("run").get("config").get("dataset").asText()).isEqualTo("gsm8k");
            assertThat(json.get("steps")).hasSize(store.steps(opro).size());
            assertThat(json.get("candidates")).hasSize(candidates.size());
            assertThat(json.get("candidates").get(0).get("train_score").asDouble()).isEqualTo(candidates.get(0).trainScore());
            assertThat(json.get("example_results")).hasSize((int) results);
            assertThat(json.get("calls")).hasSize(store.calls(opro).size());
            assertThat(json.get("events")).hasSize(1);
        }
        runs("export", bpo, "--format", "json", "--output", out.toString());
        JsonNode bpoJson = JSON.readTree(out.resolve(bpo + ".json").toFile());
        assertThat(bpoJson.get("work_items")).hasSize(60);
        assertThat(bpoJson.get("work_items").get(0).get("payload").get("outcome").asText()).isEqualTo("win");
    }

    @Test
    void exportCsvWritesOneQuotedFilePerTableIntoTheRunFolderByDefault() throws Exception {
        CliRunner.Result r = runs("export", opro, "--format", "CSV");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path runDir = storeFile.getParent().resolve(opro);
        for (String table : List.of("run", "steps", "candidates", "example_results", "calls", "events", "work_items")) {
            assertThat(runDir.resolve(opro + "-" + table + ".csv")).exists();
        }
        List<String> candidates = Files.readAllLines(runDir.resolve(opro + "-candidates.csv"));
        assertThat(candidates.get(0)).isEqualTo("id,step,text,status,reason,train_score,validation_score,test_score,penalized_score,raw_output");
        assertThat(candidates).hasSize(22);
        assertThat(candidates).anyMatch(l -> l.contains(",\"Take a deep breath, list the known values and solve step by step.\","));
        assertThat(runs("export", opro, "--format", "xml").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void compareShowsBestResultsSideBySideAndAPairedTestOnTheSharedTestSet() {
        CliRunner.Result r = runs("compare", opro, opro2, linreg);
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).contains("ID", "BEST", "TRAIN", "VALID", "TEST", "COST", "BEST INSTRUCTION");
        assertThat(lines.get(1)).startsWith(opro);
        assertThat(lines.get(2)).startsWith(opro2);
        assertThat(r.out()).contains("paired test on shared test examples (exact McNemar)");
        assertThat(r.out()).containsPattern(opro2 + ": [+-]\\d+\\.\\d pts, p=\\S+ \\(b=\\d+, c=\\d+, n=" + SampleRuns.TEST + "\\)");
        assertThat(r.out()).contains(linreg + ": no scored candidate");
        assertThat(runs("compare", opro).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void rmRequiresYesWithoutATerminalAndDeletesEverything() {
        CliRunner.Result refused = runs("rm", linreg);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("pass --yes");
        assertThat(runs("list").out()).contains(linreg);

        CliRunner.Result r = runs("rm", "--yes", linreg, bpo);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("deleted " + linreg, "deleted " + bpo);
        assertThat(runs("list").out()).doesNotContain(linreg).doesNotContain(bpo).contains(opro);
        try (RunStore store = RunStore.open(storeFile)) {
            assertThat(store.workItems(linreg)).isEmpty();
        }
    }

    @Test
    void resumeDelegatesToTheResumerOfTheRunsKind() {
        String interrupted;
        try (RunStore store = RunStore.open(storeFile)) {
            interrupted = store.createRun("test-kind", "half done", null).id();
            store.updateStatus(interrupted, RunStatus.INTERRUPTED);
        }
        CliRunner.Result none = runs("resume", interrupted);
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("runs of kind test-kind cannot be resumed by this build");
        assertThat(runs("resume", opro).err()).contains("is completed and cannot be resumed");

        AtomicReference<RunRecord> seen = new AtomicReference<>();
        RunResumers.register(new RunResumer() {
            @Override
            public String kind() {
                return "test-kind";
            }

            @Override
            public int resume(RunStore store, RunRecord run, PrintWriter out, PrintWriter err) {
                seen.set(run);
                out.println("resumed " + run.id());
                return ExitCodes.BUDGET_REACHED;
            }
        });
        try {
            CliRunner.Result r = runs("resume", interrupted);
            assertThat(r.exitCode()).isEqualTo(ExitCodes.BUDGET_REACHED);
            assertThat(r.out()).contains("resumed " + interrupted);
            assertThat(seen.get().name()).isEqualTo("half done");
        } finally {
            RunResumers.unregister("test-kind");
        }
    }

    @Test
    void reportWritesHtmlMarkdownAndChartsNextToTheStore() throws Exception {
        CliRunner.Result r = CliRunner.run("report", opro, "--store", storeFile.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path runDir = storeFile.getParent().resolve(opro);
        assertThat(r.out()).contains("wrote " + runDir.toAbsolutePath().resolve("report.html"), "wrote 2 chart(s)");
        var doc = Jsoup.parse(runDir.resolve("report.html").toFile());
        assertThat(doc.select("h1").text()).contains("gsm8k baseline");
        assertThat(doc.select("script")).isEmpty();
        assertThat(runDir.resolve("report.md")).exists();
        assertThat(runDir.resolve("training-accuracy.png")).exists();
        assertThat(runDir.resolve("training-accuracy.svg")).exists();

        Path custom = dir.resolve("paper");
        assertThat(CliRunner.run("report", bpo, "--store", storeFile.toString(), "-o", custom.toString()).exitCode()).isZero();
        assertThat(custom.resolve("win-tie-lose.png")).exists();
    }

    @Test
    void helpListsTheNewCommands() {
        assertThat(CliRunner.run("--help").out()).contains("runs", "report");
        assertThat(CliRunner.run("runs", "--help").out()).contains("list", "show", "export", "compare", "rm", "resume", "--store");
        assertThat(CliRunner.run("runs").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void checkSaysIntactOrDamagedAndSalvagesTheReadableRuns() throws Exception {
        CliRunner.Result intact = runs("check");
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).isEqualTo(storeFile + ": intact (integrity check ok)" + System.lineSeparator());

        byte[] bytes = Files.readAllBytes(storeFile);
        int pageSize = ((bytes[16] & 0xFF) << 8) | (bytes[17] & 0xFF);
        for (int i = bytes.length - 2 * pageSize; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        Files.write(storeFile, bytes);
        Files.write(storeFile.resolveSibling("llmopt.db-wal"), new byte[] {1}); // as after a crash

        CliRunner.Result list = runs("list");
        assertThat(list.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(list.err().lines()).singleElement().asString()
                .contains("is damaged", "nothing was changed", "llmopt runs check").doesNotContainPattern("\\p{Cntrl}");
        assertThat(Files.readAllBytes(storeFile)).isEqualTo(bytes);

        CliRunner.Result damaged = runs("check");
        assertThat(damaged.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(damaged.out()).startsWith(storeFile + ": damaged, ").contains("--salvage");

        Path target = dir.resolve("salvaged.db");
        CliRunner.Result salvaged = runs("check", "--salvage", target.toString());
        assertThat(salvaged.exitCode()).as(salvaged.err()).isZero();
        assertThat(salvaged.out()).contains("run(s) to " + target);
        try (RunStore store = RunStore.open(target)) {
            assertThat(store.integrityCheck().ok()).isTrue();
            // which runs survive depends on where the damaged pages fall (StoreDamageTest pins that down);
            // the line printed must match what was copied
            assertThat(salvaged.out()).contains("copied " + store.runs().size() + " of 4 run(s)");
        }
    }
}
