package io.llmopt.bpo.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.bpo.pairs.OptimizedPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FineTuneExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "[INST] You are an expert prompt engineer. Please help me improve this prompt to get "
            + "a more helpful and harmless response:\nTell me a joke [/INST]";

    private final List<OptimizedPair> pairs = List.of(
            new OptimizedPair("r1", "Tell me a joke", "Tell me a short, family-friendly joke about \"cats\".", "c", null),
            new OptimizedPair("r2", "dropped", "x", "c", "optimized instruction too short"));

    @Test
    void openAiChatJsonl(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("train.jsonl");
        int written = new FineTuneExporter(FineTuneExporter.UserTurn.FULL_TEMPLATE).write(pairs, FineTuneFormat.OPENAI_CHAT_JSONL, file);
        assertThat(written).isEqualTo(1);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        JsonNode row = JSON.readTree(lines.getFirst());
        assertThat(row.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(row.at("/messages/0/content").asText()).isEqualTo(USER);
        assertThat(row.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(row.at("/messages/1/content").asText()).isEqualTo("Tell me a short, family-friendly joke about \"cats\".");
    }

    @Test
    void alpacaAndShareGpt() throws Exception {
        FineTuneExporter exporter = new FineTuneExporter(FineTuneExporter.UserTurn.FULL_TEMPLATE);
        JsonNode alpaca = JSON.readTree(exporter.render(pairs.subList(0, 1), FineTuneFormat.ALPACA_JSON));
        assertThat(alpaca.isArray()).isTrue();
        assertThat(alpaca.at("/0/instruction").asText()).isEqualTo(USER);
        assertThat(alpaca.at("/0/input").asText()).isEmpty();
        assertThat(alpaca.at("/0/output").asText()).startsWith("Tell me a short");

        JsonNode share = JSON.readTree(exporter.render(pairs.subList(0, 1), FineTuneFormat.SHAREGPT_JSON));
        assertThat(share.at("/0/id").asText()).isEqualTo("r1");
        assertThat(share.at("/0/conversations/0/from").asText()).isEqualTo("human");
        assertThat(share.at("/0/conversations/0/value").asText()).isEqualTo(USER);
        assertThat(share.at("/0/conversations/1/from").asText()).isEqualTo("gpt");
    }

    @Test
    void instructionOnlyUserTurnDropsTheMarkers() {
        assertThat(new FineTuneExporter(FineTuneExporter.UserTurn.INSTRUCTION_ONLY).userText("Tell me a joke"))
                .isEqualTo("You are an expert prompt engineer. Please help me improve this prompt to get a more helpful "
                        + "and harmless response:\nTell me a joke");
    }
}
