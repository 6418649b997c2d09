package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.CliRunner.Result;
import io.llmopt.cli.SimCli;
import io.llmopt.core.config.ConfigFileReader;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's path from the command line, against the simulated server: preference data to
 * optimized pairs, pairs to a fine-tuned rewriter, and that rewriter rewriting a prompt.
 */
class BpoTrainCommandTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    @TempDir
    Path dir;
    private SimCli cli;
    private String pairsRun;

    @BeforeEach
    void buildPairs() throws Exception {
        cli = new SimCli(sim, dir);
        sim.reply((SimRequest r, int i) -> {
            String user = r.lastUserMessage();
            int at = user.indexOf("Topic number ");
            String topic = at < 0 ? "dogs" : user.substring(at, user.indexOf('"', at));
            return "Detailed Comparison Result: the good response is thorough.\n"
                    + "Optimized Instruction: Explain " + topic + " thoroughly, with examples and a short summary. [END]";
        });
        StringBuilder prefs = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            prefs.append("{\"instruction\": \"Topic number ").append(i).append("\", \"good_res\": \"A long, careful answer.\", ")
                    .append("\"bad_res\": \"No.\"}\n");
        }
        Files.writeString(dir.resolve("prefs.jsonl"), prefs);
        Result built = cli.run("bpo", "build-pairs", dir.resolve("prefs.jsonl").toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out()).contains("12 kept");
        pairsRun = SimCli.runId(built.out());
    }

    @Test
    void pairsTrainARewriterThatIsAddedToTheConfigurationAndRewrites() throws Exception {
        Path config = dir.resolve("llmopt.yaml");
        Files.writeString(config, "# mine\nbudget:\n  max_cost: 5\n");
        Result trained = cli.run("bpo", "train", "--pairs", pairsRun, "--model-name", "bpo-rw", "--config", config.toString(),
                "--poll-seconds", "0.05", "--training-price", "3");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("12 examples").contains("x 5 epochs").contains("about $")
                .contains("trained ft:sim-model:llmopt-sim:bpo:").contains("added models.bpo-rw to " + config);
        String spec = ConfigFileReader.read(config).at("models.bpo-rw.spec").asText();
        assertThat(spec).startsWith("openai-compatible:" + sim.baseUrl() + "#ft:sim-model:llmopt-sim:bpo:");
        assertThat(Files.readString(config)).startsWith("# mine");
        String uploaded = sim.requests().stream().filter(r -> r.path().equals("/v1/files")).findFirst().orElseThrow().body();
        assertThat(uploaded).contains("[INST] You are an expert prompt engineer.").contains("Topic number 11");

        sim.clear();
        sim.reply("Explain dogs thoroughly, with examples.");
        Result rewritten = CliRunner.run("bpo", "rewrite", "--config", config.toString(), "--method", "model",
                "--rewriter", "bpo-rw", "--store", cli.store().toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--cache", "off", "--quiet", "Tell me about dogs");
        assertThat(rewritten.exitCode()).as(rewritten.err()).isZero();
        assertThat(rewritten.out()).contains("Explain dogs thoroughly, with examples.");
        assertThat(sim.chatRequests()).extracting(SimRequest::model).containsOnly(spec.substring(spec.indexOf('#') + 1));
    }

    @Test
    void theModelGoesIntoANewFileWhenThereIsNoConfiguration() throws Exception {
        Path target = dir.resolve("new.yaml");
        Result r = cli.run("bpo", "train", "--pairs", pairsRun, "--save-to", target.toString(), "--poll-seconds", "0.05");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(ConfigFileReader.read(target).at("models.bpo-rewriter.spec").asText()).contains("#ft:sim-model:");
    }

    @Test
    void aDryRunEstimatesAndUploadsNothing() {
        sim.clear();
        Result dry = cli.run("bpo", "train", "--pairs", pairsRun, "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("12 examples").contains("dry run: nothing uploaded, no job created");
        assertThat(sim.requests()).noneMatch(r -> r.path().startsWith("/v1/files") || r.path().startsWith("/v1/fine_tuning"));
    }

    @Test
    void aFailedJobFailsTheRunWithTheProvidersReason() throws Exception {
        sim.failNextFineTune("out of GPU memory");
        Path config = dir.resolve("cfg.yaml");
        Files.writeString(config, "budget:\n  max_cost: 5\n");
        Result r = cli.run("bpo", "train", "--pairs", pairsRun, "--poll-seconds", "0.05", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("failed: out of GPU memory");
        assertThat(Files.readString(config)).doesNotContain("models");
        try (RunStore store = RunStore.open(cli.store())) {
            assertThat(store.runs()).anySatisfy(run -> {
                assertThat(run.kind()).isEqualTo("bpo-train");
                assertThat(run.status().wireName()).isEqualTo("failed");
            });
        }
    }

    @Test
    void aRecipeFolderIsWrittenFromTheRunsPairs() throws Exception {
        Path recipe = dir.resolve("recipe");
        Result r = cli.run("bpo", "train", "--pairs", pairsRun, "--recipe", "llama-factory", recipe.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(recipe.resolve("bpo_pairs.json")).exists();
        assertThat(recipe.resolve("train_full.yaml")).exists();
        assertThat(r.out()).contains("llamafactory-cli train train_full.yaml");
    }

    @Test
    void tooFewPairsAreRefusedBeforeAnythingIsUploaded() throws Exception {
        Path data = dir.resolve("small.jsonl");
        Files.writeString(data, "{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"assistant\", \"content\": \"b\"}]}\n");
        sim.clear();
        Result r = cli.run("bpo", "train", "--data", data.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("small.jsonl: 1 example(s); fine-tuning needs at least 10");
        assertThat(sim.requests()).noneMatch(req -> req.path().startsWith("/v1/files"));
    }
}
