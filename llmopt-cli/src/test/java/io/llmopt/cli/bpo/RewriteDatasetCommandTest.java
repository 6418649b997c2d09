package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.bpo.rewrite.ChatRewriterOptions;
import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.SimCli;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmopt bpo rewrite-dataset} end to end: the output file's shape, the counts and the exit codes. */
@ExtendWith(SimulatedLlmExtension.class)
class RewriteDatasetCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPACA = """
            [
              {"instruction": "Give three tips for staying healthy.", "input": "", "output": "1. Eat well."},
              {"instruction": "Translate to French.", "input": "Good morning", "output": "Bonjour"},
              {"instruction": "Summarise the plot of Hamlet.", "input": "", "output": "A prince avenges his father."},
              {"instruction": "Name a primary colour.", "input": "", "output": "Red", "source": "seed"}
            ]
            """;

    @TempDir
    Path dir;

    private SimulatedLlmServer sim;
    private SimCli cli;

    @BeforeEach
    void script(SimulatedLlmServer server) {
        sim = server;
        cli = new SimCli(server, dir);
        server.reply((SimRequest r, int sample) -> {
            String user = r.lastUserMessage();
            if (r.systemMessage().equals(ChatRewriterOptions.DEFAULT_SYSTEM_MESSAGE)) {
                return "In detail: " + user.substring(user.indexOf(":\n") + 2);
            }
            return "answer to <" + user + ">";
        });
    }

    @Test
    void writesEveryRecordWithItsOriginalFieldsTheOptimizedPromptAndTheNewResponse() throws Exception {
        Path input = Files.writeString(dir.resolve("alpaca.json"), ALPACA);
        Path output = dir.resolve("alpaca_bpo.json");

        CliRunner.Result r = cli.run("bpo", "rewrite-dataset", input.toString(), "-o", output.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("4 record(s) written to " + output).contains("4 written, 0 failed");
        JsonNode out = JSON.readTree(output.toFile());
        assertThat(out.isArray()).isTrue();
        assertThat(out).hasSize(4);
        assertThat(out).allSatisfy(row -> assertThat(row.fieldNames()).toIterable()
                .contains("instruction", "input", "output", "optimized_prompt", "res"));
        assertThat(out.get(1).get("optimized_prompt").asText()).isEqualTo("In detail: Translate to French.\nGood morning");
        assertThat(out.get(1).get("res").asText()).isEqualTo("answer to <In detail: Translate to French.\nGood morning>");
        assertThat(out.get(1).get("output").asText()).isEqualTo("Bonjour");
        assertThat(out.get(3).get("source").asText()).isEqualTo("seed");
        assertThat(sim.chatRequests()).hasSize(8);
        try (RunStore store = RunStore.open(cli.store())) {
            var run = store.run(SimCli.runId(r.out())).orElseThrow();
            assertThat(run.kind()).isEqualTo("bpo-rewrite-dataset");
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(JSON.readTree(run.summaryJson()).get("written").asLong()).isEqualTo(4);
        }
    }

    @Test
    void aFailedRecordExitsWithOneAndRunsResumeCompletesTheDataSet() throws Exception {
        Path input = Files.writeString(dir.resolve("alpaca.json"), ALPACA);
        Path output = dir.resolve("alpaca_bpo.json");
        sim.inject(FaultRule.when(r -> r.systemMessage().isEmpty() && r.lastUserMessage().contains("Hamlet"), Fault.BAD_REQUEST));

        CliRunner.Result first = cli.run("bpo", "rewrite-dataset", input.toString(), "-o", output.toString());
        assertThat(first.exitCode()).isEqualTo(ExitCodes.FAILED);
        String runId = SimCli.runId(first.out());
        assertThat(first.out()).contains("3 record(s) written").contains("3 written, 1 failed");
        assertThat(first.err()).contains("1 record(s) failed; retry them with --resume " + runId);
        assertThat(JSON.readTree(output.toFile())).extracting(row -> row.get("output").asText())
                .containsExactly("1. Eat well.", "Bonjour", "Red");

        sim.clearFaults();
        int before = sim.chatRequests().size();
        CliRunner.Result resumed = CliRunner.run("runs", "resume", runId, "--store", cli.store().toString());
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(ExitCodes.OK);
        assertThat(resumed.out()).contains("resuming: llmopt bpo rewrite-dataset").contains("1 written, 0 failed, 3 resumed");
        assertThat(JSON.readTree(output.toFile())).extracting(row -> row.get("output").asText())
                .containsExactly("1. Eat well.", "Bonjour", "A prince avenges his father.", "Red");
        // the stored rewrite is reused: the retry is Hamlet's response alone
        assertThat(sim.chatRequests().subList(before, sim.chatRequests().size())).singleElement()
                .satisfies(req -> assertThat(req.lastUserMessage()).isEqualTo("In detail: Summarise the plot of Hamlet."));
        try (RunStore store = RunStore.open(cli.store())) {
            assertThat(store.runs()).hasSize(1);
            assertThat(store.run(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(store.workItems(runId, "bpo.sft")).hasSize(4);
        }
    }

    @Test
    void aMissingInputOrOutputIsAUsageError() throws Exception {
        CliRunner.Result missing = cli.run("bpo", "rewrite-dataset", dir.resolve("nope.json").toString(), "-o", dir.resolve("o.json").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("nope.json");

        Path input = Files.writeString(dir.resolve("alpaca.json"), ALPACA);
        CliRunner.Result noOutput = cli.run("bpo", "rewrite-dataset", input.toString());
        assertThat(noOutput.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noOutput.err()).contains("--output");
        assertThat(sim.chatRequests()).isEmpty();
    }

    @Test
    void aDryRunLeavesAnExistingOutputFileAlone() throws Exception {
        Path input = Files.writeString(dir.resolve("alpaca.json"), ALPACA);
        Path output = Files.writeString(dir.resolve("alpaca_bpo.json"), "[\"the user's earlier data set\"]");

        CliRunner.Result r = CliRunner.run("bpo", "rewrite-dataset", input.toString(), "-o", output.toString(),
                "--model", "openai:gpt-4o-mini", "--dry-run", "--quiet");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("dry run: " + output + " not written").contains("would make 8 model calls");
        assertThat(Files.readString(output)).isEqualTo("[\"the user's earlier data set\"]");
    }
}
