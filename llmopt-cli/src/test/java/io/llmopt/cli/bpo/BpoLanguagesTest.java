package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner.Result;
import io.llmopt.cli.SimCli;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chinese, Japanese, German and Arabic prompts through build-pairs, rewrite and eval, against the simulator. */
class BpoLanguagesTest {

    private static final Map<String, String> PROMPTS = Map.of(
            "zh", "请解释一下量子计算的基本原理",
            "ja", "東京でおすすめの観光地を教えてください",
            "de", "Wie kann ich mein Fahrrad im Winter richtig pflegen?",
            "ar", "ما هي أفضل طريقة لتعلم البرمجة؟");
    private static final Map<String, String> BETTER = Map.of(
            "zh", "请用通俗易懂的语言详细解释量子计算的基本原理，并举例说明。",
            "ja", "東京でおすすめの観光地を、理由と一緒に五つ詳しく教えてください。",
            "de", "Wie pflege ich mein Fahrrad im Winter richtig? Bitte nenne konkrete Schritte und Beispiele.",
            "ar", "ما هي أفضل طريقة لتعلم البرمجة للمبتدئين؟ يرجى ذكر خطوات عملية وأمثلة.");

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();
    @TempDir
    Path dir;
    private SimCli cli;

    private static String languageOf(String text) {
        return PROMPTS.entrySet().stream().filter(e -> text.contains(e.getValue())).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    @BeforeEach
    void script() {
        cli = new SimCli(sim, dir);
        sim.reply((SimRequest r, int i) -> {
            String user = r.lastUserMessage();
            String system = r.systemMessage();
            String lang = languageOf(user);
            if (user.contains("Optimized Instruction")) { // building a pair
                return "Detailed Comparison Result: the good one is detailed.\nOptimized Instruction: " + BETTER.get(lang) + " [END]";
            }
            if (system.startsWith("You rewrite user prompts")) {
                // the Chinese prompt comes back in English unless the rewriter is told to keep Chinese
                if ("zh".equals(lang) && !system.contains("in Chinese too")) {
                    return "Please explain the basic principles of quantum computing in simple terms, with examples.";
                }
                return BETTER.get(lang);
            }
            if (system.startsWith("Please act as an impartial judge")) {
                String a = user.substring(user.indexOf("[The Start of Assistant A's Answer]"), user.indexOf("[The End of Assistant A's Answer]"));
                return "Reasoning.\n\n" + (a.contains("DETAILED") ? "[[A]]" : "[[B]]");
            }
            return BETTER.containsValue(user) ? "DETAILED answer" : "short answer";
        });
    }

    private Path prompts() throws Exception {
        Path file = dir.resolve("prompts.jsonl");
        StringBuilder b = new StringBuilder();
        PROMPTS.forEach((lang, prompt) -> b.append("{\"id\": \"").append(lang).append("\", \"prompt\": \"").append(prompt).append("\"}\n"));
        Files.writeString(file, b);
        return file;
    }

    @Test
    void pairsAreBuiltInEachLanguage() throws Exception {
        StringBuilder prefs = new StringBuilder();
        PROMPTS.forEach((lang, prompt) -> prefs.append("{\"instruction\": \"").append(prompt)
                .append("\", \"good_res\": \"A long careful answer.\", \"bad_res\": \"No.\"}\n"));
        Files.writeString(dir.resolve("prefs.jsonl"), prefs);
        Path export = dir.resolve("sft.jsonl");
        Result r = cli.run("bpo", "build-pairs", dir.resolve("prefs.jsonl").toString(), "--export", export.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 kept");
        assertThat(Files.readString(export)).contains(BETTER.get("zh")).contains(BETTER.get("ja"))
                .contains(BETTER.get("de")).contains(BETTER.get("ar"));
    }

    @Test
    void aRewriteThatSwitchedLanguageIsAskedAgainAndKeepsIt() throws Exception {
        Path out = dir.resolve("rewrites.jsonl");
        Result r = cli.run("bpo", "rewrite", "--file", prompts().toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out)).contains(BETTER.get("zh")).doesNotContain("Please explain the basic principles");
        assertThat(r.err()).contains("language: 1 of 4 rewrite(s) came back in another language; 1 kept the prompt's language");
    }

    @Test
    void evalReportsWinsPerLanguage() throws Exception {
        Result r = cli.run("bpo", "eval", "--test-set", prompts().toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("language ar").contains("language de").contains("language ja").contains("language zh")
                .contains("win 100.0%");
    }
}
