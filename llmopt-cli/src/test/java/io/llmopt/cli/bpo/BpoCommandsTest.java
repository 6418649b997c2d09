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
import java.util.ArrayList;
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
        sim.replyWhen("instruction: \"Name a colour", "Detailed Comparison Result: the reply forgot the marker [END]");
        sim.replyWhen("Compare the good response", "Detailed Comparison Result: x\n"
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

    /**
     * A pair's fate is written once and every view reads it: the terminal, runs list, runs show,
     * the report and the dashboard all say the same pairs were kept (they used to say none).
     */
    @Test
    void everyViewReportsThePairsTheTerminalSaysWereKept(SimulatedLlmServer sim) throws Exception {
        script(sim);
        Path prefs = dir.resolve("prefs.jsonl");
        Files.writeString(prefs, """
                {"instruction": "Describe the water cycle", "good_res": "Evaporation, condensation...", "bad_res": "Water moves."}
                {"instruction": "Describe the water cycle briefly", "good_res": "Evaporation, rain...", "bad_res": "Wet."}
                {"prompt": "Name a colour", "chosen": [{"role":"user","content":"Name a colour"},{"role":"assistant","content":"Blue"}], "rejected": [{"role":"user","content":"Name a colour"},{"role":"assistant","content":"No"}]}
                """);
        CliRunner.Result r = run(sim, "bpo", "build-pairs", prefs.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 kept, 1 filtered, 0 failed");
        String id = SimCli.runId(r.out());
        String store = dir.resolve("runs.db").toString();

        CliRunner.Result list = CliRunner.run("runs", "list", "--store", store);
        assertThat(list.out()).contains(id).contains("2/3 pairs kept");
        CliRunner.Result show = CliRunner.run("runs", "show", id, "--store", store);
        assertThat(show.out()).contains("best      2/3 pairs kept");

        Path report = dir.resolve("report");
        CliRunner.Result written = CliRunner.run("report", id, "--store", store, "-o", report.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).contains("3 pairs built, 2 kept").doesNotContain("(no reason given)");

        try (RunStore opened = RunStore.open(dir.resolve("runs.db"));
             io.llmopt.web.DashboardServer dashboard = io.llmopt.web.DashboardServer.start(opened, io.llmopt.web.DashboardOptions.local(0))) {
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(dashboard.url().resolve("/api/runs/" + id)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            JsonNode pairs = JSON.readTree(page.body()).findValue("pairs");
            assertThat(pairs).as(page.body()).hasSize(3);
            List<String> statuses = new ArrayList<>();
            pairs.forEach(p -> statuses.add(p.get("status").asText() + "/" + p.get("kept").asBoolean()));
            assertThat(statuses).containsExactlyInAnyOrder("kept/true", "kept/true", "filtered/false");
        }
    }

    /** bpo_test.json's form (prompt, optimized_prompt, good_res, bad_res) builds pairs; a file with nothing readable fails. */
    @Test
    void buildPairsReadsBposOwnTestSetFormAndFailsOnAFileWithNoUsableRecord(SimulatedLlmServer sim) throws Exception {
        script(sim);
        Path testSet = dir.resolve("bpo_test.json");
        Files.writeString(testSet, """
                [{"prompt": "Describe the water cycle", "optimized_prompt": "Describe the water cycle in detail.",
                  "good_res": "Evaporation, condensation...", "bad_res": "Water moves."}]
                """);
        CliRunner.Result r = run(sim, "bpo", "build-pairs", testSet.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 kept, 0 filtered, 0 failed");

        Path unusable = dir.resolve("unusable.jsonl");
        Files.writeString(unusable, """
                {"question": "Describe the water cycle", "answer": "Evaporation"}
                {"question": "Name a colour", "answer": "Blue"}
                """);
        int before = sim.requestCount();
        CliRunner.Result none = run(sim, "bpo", "build-pairs", unusable.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(none.err().lines()).hasSize(1).first().asString()
                .contains("no preference record of " + unusable + " could be read (2 skipped; first: ")
                .contains("neither good_res/bad_res nor chosen/rejected");
        assertThat(sim.requestCount()).isEqualTo(before);
        try (RunStore store = RunStore.open(dir.resolve("runs.db"))) {
            assertThat(store.runs()).as("no run for a file with nothing to build from").hasSize(1);
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
