package io.llmopt.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.llmopt.sim.SimClient.chat;
import static io.llmopt.sim.SimClient.json;
import static io.llmopt.sim.SimClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedLlmMainTest {

    @Test
    void launchesWithRulesModelAndKey(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, """
                {"rules": [{"match": "(?i)capital", "reply": "Paris"}], "default": "dunno"}
                """);

        try (SimulatedLlmServer sim = SimulatedLlmMain.launch("--rules", rules.toString(), "--model", "tiny",
                "--api-key", "k1", "--capacity", "2")) {
            assertThat(json(post(sim, chat("The CAPITAL?", null), "Authorization", "Bearer k1"))
                    .at("/choices/0/message/content").asText()).isEqualTo("Paris");
            assertThat(json(post(sim, chat("else", null), "Authorization", "Bearer k1"))
                    .at("/choices/0/message/content").asText()).isEqualTo("dunno");
            assertThat(post(sim, chat("else", null)).statusCode()).isEqualTo(401);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SimulatedLlmMain.printSummary(sim, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(sim.baseUrl()).contains("served 3 requests");
        }
    }

    @Test
    void rejectsUnknownOptionsAndBadRules(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> SimulatedLlmMain.launch("--bogus")).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> SimulatedLlmMain.launch("--port", "x")).hasMessageContaining("--port");
        Path rules = dir.resolve("bad.json");
        Files.writeString(rules, "[{\"match\": \"(\", \"reply\": \"x\"}]");
        assertThatThrownBy(() -> SimulatedLlmMain.launch("--rules", rules.toString()))
                .isInstanceOf(IOException.class).hasMessageContaining("rule 1");
        assertThat(SimulatedLlmMain.launch("--help")).isNull();
    }
}
