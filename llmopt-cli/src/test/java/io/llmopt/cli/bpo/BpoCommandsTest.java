package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.SimCli;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bpo commands end to end, in-process, against a simulated OpenAI-compatible server. */
@ExtendWith(SimulatedLlmExtension.class)
class BpoCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRunner.Result run(SimulatedLlmServer sim, String... args) {
        return new SimCli(sim, dir).run(args);
    }

    /** Rewrites add a detail request; the responder answers it in detail; the judge prefers detail in either position. */
    private static void script(SimulatedLlmServer sim) {
        sim.replyWhen("instruction: \"Name a colour", "Detailed Comparison CliRunner.Result: the reply forgot the marker [END]");
        sim.replyWhen("Compare the good response", "Detailed Comparison CliRunner.Result: x\n"
                + "Optimized Instruction: Describe the water cycle step by step, naming each stage. [END]");
        sim.reply((SimRequest r, int i) -> {
            String user = r.lastUserMessage();
            if (r.systemMessage().startsWith("You rewrite user prompts")) {
                return "Please answer in detail: " + user.substring(user.lastIndexOf("\n") + 1);
            }
            if (r.systemMessage().startsWith("Please act as an impartial judge")) {
                String a = user.substring(user.indexOf("[The Start of Assistant A's Answer]"), user.indexOf("[The End of Assistant A's Answer]"));
                return "Reasoning.\n\n" + (a.contains("DETAILED") ? "[[A]]" : "[[B]]");
            }
            return user.startsWith("Please answer in detail") ? "DETAILED answer" : "short answer";
        });
    }

    @Test
    void buildPairsStoresPairsAndExportsFineTuningData(SimulatedLlmServer sim) throws Exception {
        script(sim);
        Path prefs = dir.resolve("prefs.jsonl");
        Files.writeString(prefs, """
                {"instruction": "Describe the water cycle", "good_res": "Evaporation, condensation...", "bad_res": "Water moves."}
                {"prompt": "Name a colour", "chosen": [{"role":"user","content":"Name a colour"},{"role":"assistant","content":"Blue"}], "rejected": [{"role":"user","content":"Name a colour"},{"role":"assistant","content":"No"}]}
                """);
        Path export = dir.resolve("pairs.json");
        CliRunner.Result r = run(sim, "bpo", "build-pairs", prefs.toString(), "--export", export.toString(), "--format", "alpaca");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 kept, 1 filtered, 0 failed").contains("1 pair(s) written to");
        JsonNode alpaca = JSON.readTree(export.toFile());
        assertThat(alpaca).hasSize(1);
        assertThat(alpaca.get(0).get("output").asText()).isEqualTo("Describe the water cycle step by step, naming each stage.");
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            assertThat(store.run(SimCli.runId(r.out())).orElseThrow().kind()).isEqualTo("bpo-pairs");
        }
    }

    @Test
    void evalPrintsWinRatesStoresTheSummaryAndGatesOnFailUnder(SimulatedLlmServer sim) throws Exception {
        script(sim);
        Path prompts = dir.resolve("prompts.jsonl");
        Files.writeString(prompts, """
                {"id": "a", "prompt": "How do tides work?", "category": "science"}
                {"id": "b", "prompt": "Write a haiku about rain", "category": "writing"}
                {"id": "c", "prompt": "What is a prime number?", "category": "science"}
                """);
        Path export = dir.resolve("judgements.jsonl");
        CliRunner.Result pass = run(sim, "bpo", "eval", "--test-set", prompts.toString(), "--category-field", "category",
                "--export", export.toString(), "--fail-under", "0.5");
        assertThat(pass.exitCode()).as(pass.err()).isZero();
        assertThat(pass.out()).contains("overall").contains("science").contains("writing").contains("position consistency");
        assertThat(Files.readAllLines(export)).hasSize(3);
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            JsonNode summary = JSON.readTree(store.run(SimCli.runId(pass.out())).orElseThrow().summaryJson());
            assertThat(summary.get("win").asDouble()).isEqualTo(1.0);
            assertThat(summary.get("consistency").asDouble()).isEqualTo(1.0);
            assertThat(summary.get("per_category").get("science").get("n").asInt()).isEqualTo(2);
        }

        // three wins out of three: the lower end of the 95% interval is about 0.44
        CliRunner.Result strict = run(sim, "bpo", "eval", "--test-set", prompts.toString(), "--fail-under", "0.5", "--strict");
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(strict.err()).contains("win rate lower bound").contains("below --fail-under 0.5000");
    }

    @Test
    void helpShowsExamplesAndBadOptionsAreUsageErrors(SimulatedLlmServer sim) {
        CliRunner.Result help = run(sim, "bpo", "eval", "--help");
        assertThat(help.out()).contains("Examples:").contains("--fail-under").contains("--judge-method");
        CliRunner.Result bad = run(sim, "bpo", "rewrite", "hello", "--method", "telepathy");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--method must be model, in-context or zero-shot");
    }
}
